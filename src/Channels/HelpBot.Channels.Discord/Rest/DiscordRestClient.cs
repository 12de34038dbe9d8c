using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HelpBot.Channels.Discord.Commands;
using HelpBot.Channels.Discord.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Rest;

/// <summary>
/// The few REST calls the bot makes: overwrite its commands, post or edit messages through an interaction's
/// webhook, and post as the bot in a channel or a DM (moderators' posts, answers). Every call waits out a known rate limit first and retries a 429 after its <c>retry_after</c>.
/// </summary>
internal sealed class DiscordRestClient(
    HttpClient http,
    IOptions<DiscordOptions> options,
    RateLimitTracker limits,
    ILogger<DiscordRestClient> logger)
{
    public const string HttpClientName = "discord";

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private DiscordOptions Options => options.Value;

    /// <summary>Replaces all global commands, or those of <see cref="DiscordOptions.GuildId"/> when it is set.</summary>
    public Task BulkOverwriteCommandsAsync(IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken)
    {
        var application = Options.ApplicationId;
        var (path, route) = Options.GuildId is { Length: > 0 } guild
            ? ($"applications/{application}/guilds/{guild}/commands", "PUT /applications/{application_id}/guilds/{guild_id}/commands")
            : ($"applications/{application}/commands", "PUT /applications/{application_id}/commands");
        return SendAsync(HttpMethod.Put, path, route, () => Json(commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommand), BotToken(), cancellationToken);
    }

    /// <summary>A follow-up message to an interaction (execute webhook with the interaction token).</summary>
    public Task CreateFollowupAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, WebhookPath(interactionToken), "POST /webhooks/{application_id}/{interaction_token}",
            () => Content(message), null, cancellationToken);

    /// <summary>Replaces the interaction's original response, e.g. after a deferral.</summary>
    public Task EditOriginalAsync(string interactionToken, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, WebhookPath(interactionToken) + "/messages/@original", "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original",
            () => Content(message), null, cancellationToken);

    /// <summary>Opens (or finds) the bot's DM channel with a user; returns its id.</summary>
    public async Task<string> CreateDmChannelAsync(string userId, CancellationToken cancellationToken) =>
        IdOf(await SendAsync(HttpMethod.Post, "users/@me/channels", "POST /users/@me/channels",
            () => Json(new DmChannelRequest(userId), DiscordJsonContext.Default.DmChannelRequest), BotToken(), cancellationToken));

    /// <summary>Posts a message in a channel as the bot (outside any interaction); returns the message id.</summary>
    public async Task<string> CreateMessageAsync(string channelId, MessagePayload message, CancellationToken cancellationToken) =>
        IdOf(await SendAsync(HttpMethod.Post, $"channels/{Uri.EscapeDataString(channelId)}/messages", "POST /channels/{channel_id}/messages",
            () => Content(message), BotToken(), cancellationToken));

    private string BotToken() =>
        Options.BotToken is { Length: > 0 } token ? token : throw new InvalidOperationException("Discord:BotToken is required to register commands and to post outside interactions");

    private string WebhookPath(string interactionToken) => $"webhooks/{Options.ApplicationId}/{Uri.EscapeDataString(interactionToken)}";

    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    /// <summary>JSON, or with files multipart: the JSON as <c>payload_json</c> and each file as <c>files[n]</c>.</summary>
    private static HttpContent Content(MessagePayload message)
    {
        var json = Json(message, DiscordJsonContext.Default.MessagePayload);
        if (message.Files.Count == 0)
            return json;
        var multipart = new MultipartFormDataContent { { json, "payload_json" } };
        for (var i = 0; i < message.Files.Count; i++)
        {
            var file = new ByteArrayContent(message.Files[i].Data);
            file.Headers.ContentType = new MediaTypeHeaderValue(message.Files[i].ContentType);
            multipart.Add(file, $"files[{i}]", message.Files[i].FileName);
        }
        return multipart;
    }

    private static string IdOf(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : throw new DiscordRestException("Discord's answer has no id");
    }

    private async Task<byte[]> SendAsync(HttpMethod method, string path, string route, Func<HttpContent> content, string? botToken, CancellationToken cancellationToken)
    {
        // Buckets are per route and major parameter; the path holds both (and the token, which stays in memory only).
        var bucket = method.Method + " " + path;
        for (var attempt = 0; ; attempt++)
        {
            await limits.WaitAsync(bucket, cancellationToken);
            using var request = new HttpRequestMessage(method, path) { Content = content() };
            if (botToken is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bot", botToken);
            using var response = await http.SendAsync(request, cancellationToken);
            limits.Observe(bucket, response.Headers);
            if (response.IsSuccessStatusCode)
                return await response.Content.ReadAsByteArrayAsync(cancellationToken);

            var error = await ReadErrorAsync(response, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
                throw new DiscordRestException(route, (int)response.StatusCode, error.Code, error.Message);

            var wait = error.RetryAfter
                       ?? RateLimitTracker.Seconds(RateLimitTracker.Header(response.Headers, "Retry-After"))
                       ?? TimeSpan.FromSeconds(1);
            var global = error.Global || RateLimitTracker.Header(response.Headers, "X-RateLimit-Global") is not null;
            if (attempt >= Options.MaxRateLimitRetries || wait > Options.MaxRateLimitWait)
            {
                Log.RateLimitGaveUp(logger, route, wait.TotalSeconds, attempt + 1);
                throw new DiscordRestException(route, (int)response.StatusCode, error.Code, error.Message, wait);
            }
            Log.RateLimited(logger, route, wait.TotalSeconds, global);
            limits.Block(bucket, wait, global);
        }
    }

    /// <summary>Discord's error body: <c>{"code","message"}</c>, and for a 429 <c>{"retry_after","global"}</c>. Anything else is ignored.</summary>
    private static async Task<(int? Code, string? Message, TimeSpan? RetryAfter, bool Global)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return default;
            int? code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            TimeSpan? retryAfter = root.TryGetProperty("retry_after", out var r) && r.ValueKind == JsonValueKind.Number
                ? RateLimitTracker.Seconds(r.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture))
                : null;
            var global = root.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True;
            return (code, message, retryAfter, global);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
