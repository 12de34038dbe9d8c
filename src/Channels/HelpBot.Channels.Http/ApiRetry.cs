using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Telemetry;

namespace HelpBot.Channels.Http;

/// <summary>
/// The retry pipeline of a channel's HTTP client (Microsoft.Extensions.Http.Resilience), for the calls no other layer
/// retries. Each failure is retried by one layer only, or the tries multiply: messages from the outbox get one attempt
/// per call (the outbox tries again after <c>retry_after</c> or a backoff until Delivery:Deadline); Telegram's
/// getUpdates gets one too (the polling loop pauses and polls again); everything else goes through this pipeline:
/// a 429 after the wait the API asks for, 5xx, timeouts and network errors after a short jittered backoff, at most
/// <see cref="ApiRetryRules.MaxRetries"/> times, giving up at once when a 429 asks for longer than
/// <see cref="ApiRetryRules.MaxRetryWait"/> (these calls matter only while they are fresh). Waits are on the
/// container's <see cref="TimeProvider"/>, so tests run them on a fake clock.
/// </summary>
public static class ApiRetry
{
    public static IHttpClientBuilder AddApiRetry(this IHttpClientBuilder http, string pipelineName, Func<IServiceProvider, ApiRetryRules> rules)
    {
        ArgumentNullException.ThrowIfNull(http);
        // The channel's retry line names the call and the reason; Polly's own would repeat each retry at Warning.
        http.Services.PostConfigure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = _ => ResilienceEventSeverity.Debug);
        http.AddResilienceHandler(pipelineName, (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(Strategy(rules(context.ServiceProvider)));
        });
        return http;
    }

    private static HttpRetryStrategyOptions Strategy(ApiRetryRules rules) => new()
    {
        // Polly wants at least one; with none allowed, ShouldHandle declines them all.
        MaxRetryAttempts = Math.Max(rules.MaxRetries, 1),
        BackoffType = DelayBackoffType.Exponential,
        Delay = rules.FirstDelay,
        UseJitter = true,
        ShouldHandle = async args => rules.MaxRetries > 0 && args.Outcome switch
        {
            { Result.StatusCode: HttpStatusCode.TooManyRequests } r => await rules.RetryAfter(r.Result!, args.Context.CancellationToken) is not { } wait || wait <= rules.MaxRetryWait,
            { Result: { } response } => (int)response.StatusCode >= 500,
            { Exception: OperationCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
            { Exception: HttpRequestException } => true,
            _ => false,
        },
        // A 429 waits what the API asked; everything else backs off (null keeps the pipeline's backoff).
        DelayGenerator = async args => args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response
            ? await rules.RetryAfter(response, args.Context.CancellationToken)
            : null,
        OnRetry = args => rules.OnRetry(new ApiRetryEvent(
            args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage(),
            args.Outcome.Result,
            args.Outcome.Exception,
            args.AttemptNumber + 1,
            rules.MaxRetries + 1,
            args.RetryDelay)),
    };
}

/// <summary>What <see cref="ApiRetry"/> needs to know of one API.</summary>
public sealed class ApiRetryRules
{
    public required int MaxRetries { get; init; }

    public required TimeSpan MaxRetryWait { get; init; }

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait a 429 asks for (in its body or headers); null when it does not say.</summary>
    public required Func<HttpResponseMessage, CancellationToken, ValueTask<TimeSpan?>> RetryAfter { get; init; }

    /// <summary>Called before each retry waits, to log it.</summary>
    public required Func<ApiRetryEvent, ValueTask> OnRetry { get; init; }
}

/// <summary>A failed try about to be retried: its request, its response or exception, which try of how many, and the wait.</summary>
public sealed record ApiRetryEvent(HttpRequestMessage? Request, HttpResponseMessage? Response, Exception? Exception, int Attempt, int MaxAttempts, TimeSpan Delay);
