using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// The Bot API's two HTTP clients, from <see cref="IHttpClientFactory"/>. Who retries what, so that no failure is retried
/// by two layers at once:
/// <list type="bullet">
/// <item><see cref="Once"/>: one attempt per call, for what another layer already retries: messages from the outbox
/// (it tries again after <c>retry_after</c> or a backoff until Delivery:Deadline) and getUpdates (the polling loop
/// pauses and polls again; a long poll must not be cut short by a pipeline either).</item>
/// <item><see cref="Retried"/>: a resilience pipeline for the calls nothing else retries (answerCallbackQuery, getMe,
/// setMyCommands, setWebhook, deleteWebhook, a reply sent at once): a 429 after its <c>retry_after</c>, 5xx and
/// network errors after a short backoff, at most <see cref="MaxRetries"/> times, never waiting longer than
/// <see cref="MaxRetryWait"/>, since these calls matter only while they are fresh.</item>
/// </list>
/// Neither logs requests: their URLs carry the token.
/// </summary>
internal static class TelegramHttp
{
    public const string Once = "HelpBot.Channels.Telegram.Once";
    public const string Retried = "HelpBot.Channels.Telegram.Retried";

    public const int MaxRetries = 3;
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    public static void AddClients(IServiceCollection services)
    {
        // Our retry line names the method and the reason; Polly's own would repeat each retry at Warning.
        services.PostConfigure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = _ => ResilienceEventSeverity.Debug);
        services.AddHttpClient(Once).ConfigurePrimaryHttpMessageHandler(FreshConnections).RemoveAllLoggers();
        services.AddHttpClient(Retried).ConfigurePrimaryHttpMessageHandler(FreshConnections).RemoveAllLoggers()
            .AddResilienceHandler("telegram-retry", (pipeline, context) =>
            {
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                var options = context.ServiceProvider.GetRequiredService<IOptions<TelegramOptions>>();
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelegramHttp).FullName!);
                pipeline.TimeProvider = time;
                pipeline.AddRetry(RetryOptions(options, logger));
            });
    }

    /// <summary>The bot clients are singletons that keep their HttpClient: connections are renewed instead, so DNS changes are seen.</summary>
    private static SocketsHttpHandler FreshConnections() => new() { PooledConnectionLifetime = TimeSpan.FromMinutes(3) };

    private static HttpRetryStrategyOptions RetryOptions(IOptions<TelegramOptions> options, ILogger logger) => new()
    {
        MaxRetryAttempts = MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        Delay = FirstRetryDelay,
        UseJitter = true,
        ShouldHandle = async args => args.Outcome switch
        {
            { Result.StatusCode: HttpStatusCode.TooManyRequests } r => await RetryAfterAsync(r.Result!) is not { } wait || wait <= MaxRetryWait,
            { Result: { } response } => (int)response.StatusCode >= 500,
            { Exception: OperationCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
            { Exception: HttpRequestException } => true,
            _ => false,
        },
        // A 429 waits what Telegram asked; everything else backs off (null keeps the pipeline's backoff).
        DelayGenerator = async args => args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response ? await RetryAfterAsync(response) : null,
        OnRetry = async args =>
        {
            var method = MethodOf(args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage());
            var reason = args.Outcome.Result is { } response
                ? $"{(int)response.StatusCode} {await DescriptionAsync(response)}"
                : FailureReason.Describe(args.Outcome.Exception!, options.Value.Token);
            Log.Retrying(logger, method, args.AttemptNumber + 1, MaxRetries + 1, args.RetryDelay.TotalSeconds, reason);
        },
    };

    /// <summary>A 429's <c>parameters.retry_after</c> (seconds, in the JSON body; the Bot API sends no header).</summary>
    public static async ValueTask<TimeSpan?> RetryAfterAsync(HttpResponseMessage response) =>
        await ErrorBodyAsync(response) is { } body
        && body.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
        && parameters.TryGetProperty("retry_after", out var seconds) && seconds.TryGetInt32(out var value) && value >= 0
            ? TimeSpan.FromSeconds(value)
            : null;

    private static async ValueTask<string> DescriptionAsync(HttpResponseMessage response) =>
        await ErrorBodyAsync(response) is { } body && body.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String
            ? description.GetString()!
            : response.ReasonPhrase ?? "";

    /// <summary>The error's JSON body, buffered so that Telegram.Bot can still read it when this was the last try.</summary>
    private static async ValueTask<JsonElement?> ErrorBodyAsync(HttpResponseMessage response)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync();
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The Bot API method, the path's last segment: the token before it never reaches a log.</summary>
    private static string MethodOf(HttpRequestMessage? request) =>
        request?.RequestUri?.Segments is [.., var last] ? last : "request";
}
