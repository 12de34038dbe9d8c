using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace HelpBot.Channels.Discord.Rest;

/// <summary>
/// Discord's two HTTP clients, from <see cref="IHttpClientFactory"/>; both wait out known rate limits per attempt
/// (<see cref="RateLimitHandler"/>). Who retries what, so that no failure is retried by two layers at once:
/// <list type="bullet">
/// <item><see cref="Once"/>: one attempt per call, for outbox messages; the outbox tries again after <c>retry_after</c>
/// or a backoff until Delivery:Deadline.</item>
/// <item><see cref="Retried"/>: a resilience pipeline for the calls nothing else retries (command registration, a
/// deferred reply and its follow-ups): a 429 after its <c>retry_after</c>/<c>Retry-After</c>, 5xx and network errors
/// after a short backoff, at most <see cref="DiscordOptions.MaxRetries"/> times, giving up at once when a 429 asks for
/// longer than <see cref="DiscordOptions.MaxRetryWait"/>.</item>
/// </list>
/// Neither logs requests: a webhook URL carries the interaction token.
/// </summary>
internal static class DiscordHttp
{
    public const string Once = "discord.once";
    public const string Retried = "discord";

    private const string UserAgent = "DiscordBot (HelpBot, 1.0)";

    /// <summary>The route template a request is for, set by <see cref="DiscordRestClient"/> for logs (never the URL).</summary>
    public static readonly HttpRequestOptionsKey<string> Route = new("HelpBot.Discord.Route");

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    public static void AddClients(IServiceCollection services)
    {
        // Our retry line names the route and the reason; Polly's own would repeat each retry at Warning.
        services.PostConfigure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = _ => ResilienceEventSeverity.Debug);
        services.AddSingleton<RateLimitTracker>();
        services.AddTransient<RateLimitHandler>();
        Add(services, Once);
        // The handler added after the pipeline runs inside it: every retry waits for its bucket too.
        Add(services, Retried, http => http.AddResilienceHandler("discord-retry", (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(RetryOptions(
                context.ServiceProvider.GetRequiredService<IOptions<DiscordOptions>>().Value,
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiscordRestClient).FullName!)));
        }));
    }

    private static void Add(IServiceCollection services, string name, Action<IHttpClientBuilder>? pipeline = null)
    {
        var http = services.AddHttpClient(name, (sp, client) =>
        {
            // A trailing slash keeps the version segment when relative paths are resolved against it.
            var baseUrl = sp.GetRequiredService<IOptions<DiscordOptions>>().Value.ApiBaseUrl.ToString();
            client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            client.Timeout = TimeSpan.FromSeconds(30);
        }).RemoveAllLoggers();
        pipeline?.Invoke(http);
        http.AddHttpMessageHandler<RateLimitHandler>();
    }

    private static HttpRetryStrategyOptions RetryOptions(DiscordOptions options, ILogger logger) => new()
    {
        MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
        BackoffType = DelayBackoffType.Exponential,
        Delay = FirstRetryDelay,
        UseJitter = true,
        ShouldHandle = async args => options.MaxRetries > 0 && args.Outcome switch
        {
            { Result.StatusCode: HttpStatusCode.TooManyRequests } r => (await DiscordError.ReadAsync(r.Result!, args.Context.CancellationToken)).RetryAfter <= options.MaxRetryWait,
            { Result: { } response } => (int)response.StatusCode >= 500,
            { Exception: OperationCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
            { Exception: HttpRequestException } => true,
            _ => false,
        },
        // A 429 waits what Discord asked; everything else backs off (null keeps the pipeline's backoff).
        DelayGenerator = async args => args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response
            ? (await DiscordError.ReadAsync(response, args.Context.CancellationToken)).RetryAfter
            : null,
        OnRetry = args =>
        {
            var request = args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage();
            var route = request is not null && request.Options.TryGetValue(Route, out var template) ? template : "a REST call";
            var reason = args.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : args.Outcome.Exception!.GetType().Name + ": " + args.Outcome.Exception.Message;
            Log.Retrying(logger, route, args.AttemptNumber + 1, options.MaxRetries + 1, args.RetryDelay.TotalSeconds, reason);
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>
    /// One attempt: waits while its bucket (or all of them) is held, sends, and notes what the response says about the
    /// bucket: exhausted until <c>X-RateLimit-Reset-After</c>, or a 429's wait, which other calls then wait out too.
    /// </summary>
    internal sealed class RateLimitHandler(RateLimitTracker limits) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Buckets are per route and major parameter; the path holds both (and the token, which stays in memory only).
            var bucket = request.Method.Method + " " + request.RequestUri?.AbsolutePath;
            await limits.WaitAsync(bucket, cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            limits.Observe(bucket, response.Headers);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var error = await DiscordError.ReadAsync(response, cancellationToken);
                limits.Block(bucket, error.RetryAfter ?? TimeSpan.Zero, error.Global);
            }
            return response;
        }
    }
}
