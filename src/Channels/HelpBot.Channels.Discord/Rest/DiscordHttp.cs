using System.Net;
using HelpBot.Channels.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Rest;

/// <summary>
/// Discord's two HTTP clients, from <see cref="IHttpClientFactory"/>, one per retry layer (see <see cref="ApiRetry"/>):
/// <see cref="Once"/> for outbox messages and the command registration at start (each retried by its own loop),
/// <see cref="Retried"/> for <c>discord register-commands</c> and a deferred reply with its follow-ups, at most
/// <see cref="DiscordOptions.MaxRetries"/> times. Both wait out known rate limits on each attempt
/// (<see cref="RateLimitHandler"/>). Neither logs requests: a webhook URL carries the interaction token.
/// </summary>
internal static class DiscordHttp
{
    public const string Once = "discord.once";
    public const string Retried = "discord";

    private const string UserAgent = "DiscordBot (HelpBot, 1.0)";

    /// <summary>The route template a request is for, set by <see cref="DiscordRestClient"/> for logs (never the URL).</summary>
    public static readonly HttpRequestOptionsKey<string> Route = new("HelpBot.Discord.Route");

    public static void AddClients(IServiceCollection services)
    {
        services.AddSingleton<RateLimitTracker>();
        services.AddTransient<RateLimitHandler>();
        Add(services, Once);
        // The handler added after the pipeline runs inside it: every retry waits for its bucket too.
        Add(services, Retried, http => http.AddApiRetry("discord-retry", sp =>
        {
            var options = sp.GetRequiredService<IOptions<DiscordOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiscordRestClient).FullName!);
            return new ApiRetryRules
            {
                MaxRetries = options.MaxRetries,
                MaxRetryWait = options.MaxRetryWait,
                RetryAfter = async (response, ct) => (await DiscordError.ReadAsync(response, ct)).RetryAfter,
                OnRetry = retry =>
                {
                    var route = retry.Request is not null && retry.Request.Options.TryGetValue(Route, out var template) ? template : "a REST call";
                    var reason = retry.Response is { } response ? $"HTTP {(int)response.StatusCode}" : retry.Exception!.GetType().Name + ": " + retry.Exception.Message;
                    Log.Retrying(logger, route, retry.Attempt, retry.MaxAttempts, retry.Delay.TotalSeconds, reason);
                    return ValueTask.CompletedTask;
                },
            };
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
