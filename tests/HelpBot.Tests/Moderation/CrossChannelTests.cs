using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpBot.Channels.Discord.Tests.Infrastructure;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Testing;
using HelpBot.Tests.Faults;

namespace HelpBot.Tests.Moderation;

/// <summary>
/// The built bot serving Telegram (fake Bot API) and Discord (signed interactions in, fake REST out) at once,
/// configured only through the environment: a question crosses from one channel's user to the other
/// channel's moderator, and the answer comes back to where it was asked.
/// </summary>
public sealed partial class CrossChannelTests : IAsyncLifetime
{
    private const long TelegramUser = 501;
    private const long TelegramModerator = 42;
    private const long TelegramModeratorsGroup = -1005550001;
    private const string DiscordModerator = "7001";
    private const string DiscordUser = "8001";
    private const string DiscordModeratorsChannel = "900000000000000900";
    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("helpbot-cross-");
    private readonly TestSigner _signer = new();
    private readonly int _port = LoopbackPorts.Free();
    private FakeBotApiServer _telegram = null!;
    private FakeDiscordApi _discord = null!;
    private BotProcess _bot = null!;
    private HttpClient _http = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _telegram = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        _discord = await FakeDiscordApi.StartAsync();
        _bot = BotProcess.Start(_telegram.BaseUrl, _telegram.Token, Path.Combine(_data.FullName, "helpbot.db"), new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Discord__ApplicationId"] = InteractionJson.ApplicationId,
            ["Discord__PublicKey"] = _signer.PublicKeyHex,
            ["Discord__BotToken"] = "discord-test-token",
            ["Discord__ApiBaseUrl"] = _discord.BaseUrl,
            ["Discord__GuildId"] = InteractionJson.GuildId,
            ["Discord__ModeratorUserIds__0"] = DiscordModerator,
            ["Moderation__Chats__0__Channel"] = "discord",
            ["Moderation__Chats__0__ChatId"] = DiscordModeratorsChannel,
            ["Moderation__Chats__0__Language"] = "en",
            ["Moderation__Chats__1__Channel"] = "telegram",
            ["Moderation__Chats__1__ChatId"] = TelegramModeratorsGroup.ToString(CultureInfo.InvariantCulture),
            ["Moderation__Chats__1__Language"] = "ru",
        });
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        await _bot.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), StartUp);
    }

    [Fact]
    public async Task Question_FromTelegramUser_AnsweredByDiscordModerator_ReturnsToTelegram()
    {
        _telegram.SendText(TelegramUser, "/ask Можно ли удалить аккаунт с телефона?");
        var confirmation = await _telegram.WaitForMessageAsync(TelegramUser, timeout: StartUp, cancellationToken: Cancel);
        var id = QuestionId().Match(_telegram.Message(TelegramUser, confirmation.MessageId!.Value)!.Text).Value;
        Assert.NotEmpty(id);

        // The post in the moderators' Discord channel names the asker, channel and language, with an Answer button.
        var post = Assert.Single(await _discord.WaitForAsync(r => r.Method == "POST" && r.Path == $"/channels/{DiscordModeratorsChannel}/messages", timeoutMs: 15_000));
        var postBody = JsonDocument.Parse(post.Body).RootElement;
        Assert.Contains($"Question {id}", postBody.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("(telegram, ru)", postBody.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("Можно ли удалить аккаунт с телефона?", postBody.GetProperty("content").GetString(), StringComparison.Ordinal);
        var answerButton = CustomIds(postBody).Single();
        Assert.Equal("answer:" + id, answerButton);

        // The moderator presses Answer (a modal opens) and submits the answer.
        var modal = await InteractAsync(InteractionJson.Button(DiscordModerator, answerButton));
        Assert.Equal(9, modal.GetProperty("type").GetInt32());
        var sent = await InteractAsync(InteractionJson.ModalSubmit(DiscordModerator, answerButton, "Нет, только через сайт в браузере телефона."));
        Assert.Contains("has been sent to the user", sent.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);

        // The answer reaches the asker's Telegram chat in their language, with buttons to rate it.
        var delivered = await _telegram.WaitForMessageAsync(TelegramUser, count: 2, timeout: StartUp, cancellationToken: Cancel);
        var answer = _telegram.Message(TelegramUser, delivered.MessageId!.Value)!;
        Assert.Contains("Ответ модератора на ваш вопрос", answer.Text, StringComparison.Ordinal);
        Assert.Contains("только через сайт", answer.Text, StringComparison.Ordinal);
        _telegram.PressButton(TelegramUser, answer, answer.ButtonData("Помогло"));
        var thanks = await _telegram.WaitForMessageAsync(TelegramUser, count: 3, timeout: StartUp, cancellationToken: Cancel);
        Assert.Contains("Спасибо за оценку", _telegram.Message(TelegramUser, thanks.MessageId!.Value)!.Text, StringComparison.Ordinal);
        Assert.Empty(_telegram.Violations);
    }

    [Fact]
    public async Task Question_FromDiscordUser_AnsweredByTelegramModeratorReply_ReturnsToDiscord()
    {
        var asked = await InteractAsync(InteractionJson.Command(DiscordUser, "ask", "en-US", ("question", "Will my open dispute be closed?")));
        var id = QuestionId().Match(asked.GetProperty("data").GetProperty("content").GetString()!).Value;
        Assert.NotEmpty(id);

        // The post in the moderators' Telegram group, in Russian, names the Discord asker.
        var postCall = await _telegram.WaitForMessageAsync(TelegramModeratorsGroup, timeout: StartUp, cancellationToken: Cancel);
        var post = _telegram.Message(TelegramModeratorsGroup, postCall.MessageId!.Value)!;
        Assert.Contains($"Вопрос {id}", post.Text, StringComparison.Ordinal);
        Assert.Contains("(discord, en)", post.Text, StringComparison.Ordinal);

        // Replied to at once, before the outbox may have stored the post's Telegram id: its Answer button names the question.
        _telegram.SendText(TelegramModerator, "Yes: orders are cancelled, so wait for the dispute to end first.", chatId: TelegramModeratorsGroup, replyTo: post.MessageId);
        var confirmation = await _telegram.WaitForMessageAsync(TelegramModeratorsGroup, count: 2, timeout: StartUp, cancellationToken: Cancel);
        Assert.Contains("отправлен пользователю", _telegram.Message(TelegramModeratorsGroup, confirmation.MessageId!.Value)!.Text, StringComparison.Ordinal);

        // The answer goes to the Discord user as a direct message.
        var dm = Assert.Single(await _discord.WaitForAsync(r => r.Method == "POST" && r.Path == "/users/@me/channels", timeoutMs: 15_000));
        Assert.Equal(DiscordUser, JsonDocument.Parse(dm.Body).RootElement.GetProperty("recipient_id").GetString());
        var dmChannel = JsonDocument.Parse(FakeResponse.Ok.Body).RootElement.GetProperty("id").GetString();
        var message = Assert.Single(await _discord.WaitForAsync(r => r.Method == "POST" && r.Path == $"/channels/{dmChannel}/messages", timeoutMs: 15_000));
        var content = JsonDocument.Parse(message.Body).RootElement.GetProperty("content").GetString();
        Assert.Contains("A moderator answered your question", content, StringComparison.Ordinal);
        Assert.Contains("wait for the dispute to end first", content, StringComparison.Ordinal);
        Assert.Equal(["rate:" + id + ":yes", "rate:" + id + ":no"], CustomIds(JsonDocument.Parse(message.Body).RootElement));
    }

    private async Task<JsonElement> InteractAsync(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = await BotTimestampAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", _signer.Sign(timestamp, body));
        using var response = await _http.SendAsync(request, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Discord signs with its own time, which agrees with the bot's: the test takes the bot's from its Date header.</summary>
    private async Task<string> BotTimestampAsync()
    {
        using var response = await _http.GetAsync(new Uri("/", UriKind.Relative), Cancel);
        var now = response.Headers.Date ?? throw new InvalidOperationException("the bot's answer has no Date header");
        return now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    private static string[] CustomIds(JsonElement message) =>
        message.TryGetProperty("components", out var rows)
            ? rows.EnumerateArray().SelectMany(r => r.GetProperty("components").EnumerateArray()).Select(b => b.GetProperty("custom_id").GetString()!).ToArray()
            : [];

    public async ValueTask DisposeAsync()
    {
        _bot.Dispose();
        _http.Dispose();
        await _telegram.DisposeAsync();
        await _discord.DisposeAsync();
        _signer.Dispose();
        _data.Delete(recursive: true);
    }

    [GeneratedRegex("Q[A-Z2-9]{5}")]
    private static partial Regex QuestionId();
}
