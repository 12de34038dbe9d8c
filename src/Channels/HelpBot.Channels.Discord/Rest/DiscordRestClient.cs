using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HelpBot.Channels.Discord.Commands;
using HelpBot.Channels.Discord.Rendering;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Rest;

/// <summary>
/// The few REST calls the bot makes: overwrite its commands, post or edit messages through an interaction's
/// webhook, and post as the bot in a channel or a DM (moderators' posts, answers). It sends through one of
/// <see cref="DiscordHttp"/>'s clients, which wait out known rate limits and, for <see cref="DiscordHttp.Retried"/>,
/// retry; what still fails is thrown as a <see cref="DiscordRestException"/> with Discord's <c>retry_after</c>.
/// </summary>
internal sealed class DiscordRestClient(IHttpClientFactory http, string httpClientName, IOptions<DiscordOptions> options)
{
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
        using var request = new HttpRequestMessage(method, path) { Content = content() };
        request.Options.Set(DiscordHttp.Route, route);
        if (botToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", botToken);
        using var response = await http.CreateClient(httpClientName).SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var error = await DiscordError.ReadAsync(response, cancellationToken);
        throw new DiscordRestException(route, (int)response.StatusCode, error.Code, error.Message, error.RetryAfter);
    }
}
