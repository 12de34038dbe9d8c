using System.Text.Json;
using HelpBot.Channels.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// The Bot API's HTTP clients, from <see cref="IHttpClientFactory"/>, one per retry rule (see <see cref="ApiRetry"/>):
/// <see cref="Once"/> for outbox messages, getUpdates and the setup at start (each retried by its own loop);
/// <see cref="CallbackAnswer"/> for answerCallbackQuery, which only stops a button's spinner and soon matters no more:
/// one retry at most, after a 429 only when it asks for a short wait; <see cref="Retried"/> for getMe, deleteWebhook
/// when polling meets a webhook, and a reply sent at once. None logs requests: their URLs carry the token.
/// </summary>
internal static class TelegramHttp
{
    public const string Once = "HelpBot.Channels.Telegram.Once";
    public const string CallbackAnswer = "HelpBot.Channels.Telegram.CallbackAnswer";
    public const string Retried = "HelpBot.Channels.Telegram.Retried";

    public const int MaxRetries = 3;
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(30);

    public const int MaxCallbackAnswerRetries = 1;

    /// <summary>A retry after this long still comes while the button spins; a 429 asking for longer gives up at once.</summary>
    public static readonly TimeSpan MaxCallbackAnswerRetryWait = TimeSpan.FromSeconds(2);

    public static void AddClients(IServiceCollection services)
    {
        services.AddHttpClient(Once).ConfigurePrimaryHttpMessageHandler(FreshConnections).RemoveAllLoggers();
        AddRetriedClient(services, Retried, "telegram-retry", MaxRetries, MaxRetryWait, LogLevel.Warning);
        // A storm of throttled answers is expected and harmless: their retries are not worth a warning each.
        AddRetriedClient(services, CallbackAnswer, "telegram-callback-answer", MaxCallbackAnswerRetries, MaxCallbackAnswerRetryWait, LogLevel.Debug);
    }

    private static void AddRetriedClient(IServiceCollection services, string name, string pipelineName, int maxRetries, TimeSpan maxRetryWait, LogLevel retryLevel) =>
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(FreshConnections).RemoveAllLoggers()
            .AddApiRetry(pipelineName, sp =>
            {
                var token = sp.GetRequiredService<IOptions<TelegramOptions>>().Value.Token;
                var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelegramHttp).FullName!);
                return new ApiRetryRules
                {
                    MaxRetries = maxRetries,
                    MaxRetryWait = maxRetryWait,
                    RetryAfter = RetryAfterAsync,
                    OnRetry = async retry =>
                    {
                        if (!logger.IsEnabled(retryLevel))
                            return;
                        var reason = retry.Response is { } response
                            ? $"{(int)response.StatusCode} {await DescriptionAsync(response)}"
                            : FailureReason.Describe(retry.Exception!, token);
                        var method = MethodOf(retry.Request);
                        Log.Retrying(logger, retryLevel, method, retry.Attempt, retry.MaxAttempts, retry.Delay.TotalSeconds, reason);
                    },
                };
            });

    /// <summary>The bot clients are singletons that keep their HttpClient: connections are renewed instead, so DNS changes are seen.</summary>
    private static SocketsHttpHandler FreshConnections() => new() { PooledConnectionLifetime = TimeSpan.FromMinutes(3) };

    /// <summary>A 429's <c>parameters.retry_after</c> (seconds, in the JSON body; the Bot API sends no header).</summary>
    private static async ValueTask<TimeSpan?> RetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await ErrorBodyAsync(response, cancellationToken) is { } body
        && body.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object
        && parameters.TryGetProperty("retry_after", out var seconds) && seconds.TryGetInt32(out var value) && value >= 0
            ? TimeSpan.FromSeconds(value)
            : null;

    private static async ValueTask<string> DescriptionAsync(HttpResponseMessage response) =>
        await ErrorBodyAsync(response, CancellationToken.None) is { } body && body.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String
            ? description.GetString()!
            : response.ReasonPhrase ?? "";

    /// <summary>The error's JSON body, buffered so that Telegram.Bot can still read it when this was the last try.</summary>
    private static async ValueTask<JsonElement?> ErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
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
