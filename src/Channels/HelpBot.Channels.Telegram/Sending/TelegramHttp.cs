using System.Text.Json;
using HelpBot.Channels.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// The Bot API's two HTTP clients, from <see cref="IHttpClientFactory"/>, one per retry layer (see <see cref="ApiRetry"/>):
/// <see cref="Once"/> for outbox messages, getUpdates and the setup at start (each retried by its own loop),
/// <see cref="Retried"/> for answerCallbackQuery, getMe, deleteWebhook when polling meets a webhook, and a reply sent
/// at once. Neither logs requests: their URLs carry the token.
/// </summary>
internal static class TelegramHttp
{
    public const string Once = "HelpBot.Channels.Telegram.Once";
    public const string Retried = "HelpBot.Channels.Telegram.Retried";

    public const int MaxRetries = 3;
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(30);

    public static void AddClients(IServiceCollection services)
    {
        services.AddHttpClient(Once).ConfigurePrimaryHttpMessageHandler(FreshConnections).RemoveAllLoggers();
        services.AddHttpClient(Retried).ConfigurePrimaryHttpMessageHandler(FreshConnections).RemoveAllLoggers()
            .AddApiRetry("telegram-retry", sp =>
            {
                var token = sp.GetRequiredService<IOptions<TelegramOptions>>().Value.Token;
                var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelegramHttp).FullName!);
                return new ApiRetryRules
                {
                    MaxRetries = MaxRetries,
                    MaxRetryWait = MaxRetryWait,
                    RetryAfter = RetryAfterAsync,
                    OnRetry = async retry =>
                    {
                        var reason = retry.Response is { } response
                            ? $"{(int)response.StatusCode} {await DescriptionAsync(response)}"
                            : FailureReason.Describe(retry.Exception!, token);
                        Log.Retrying(logger, MethodOf(retry.Request), retry.Attempt, retry.MaxAttempts, retry.Delay.TotalSeconds, reason);
                    },
                };
            });
    }

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
