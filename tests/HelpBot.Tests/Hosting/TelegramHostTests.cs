using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Testing;

namespace HelpBot.Tests.Hosting;

/// <summary>
/// The built bot (helpbot.dll) as `dotnet run --project src/HelpBot` starts it: configured only through the environment,
/// with no terminal (standard input closed), serving Telegram from the fake Bot API on 127.0.0.1.
/// </summary>
public sealed class TelegramHostTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("helpbot-host-");
    private Process? _bot;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static TimeSpan StartUp => TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_TokenConfigured_ServesTelegramByPolling()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        _bot = StartBot(api, []);

        api.SendText(9001, "/start");
        var reply = await api.WaitForMessageAsync(9001, timeout: StartUp, cancellationToken: Cancel);

        Assert.Contains("AliExpress", api.Message(9001, reply.MessageId!.Value)!.Text, StringComparison.Ordinal);
        Assert.Empty(api.Violations);
        Assert.False(_bot.HasExited);
    }

    [Fact]
    public async Task Run_WebhookMode_ServesTheWebhookEndpoint()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var port = LoopbackPorts.Free();
        _bot = StartBot(api, new()
        {
            ["Telegram__Mode"] = "Webhook",
            ["Telegram__WebhookUrl"] = "https://bot.example.test/hooks/telegram",
            ["Telegram__SecretToken"] = "host-secret",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        });
        await api.WaitForAsync(r => r.Method == "setWebhook", StartUp, Cancel);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var update = api.TextMessage(9002, "/start");
        update["update_id"] = 1;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/telegram") { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "host-secret");
        var response = await http.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await api.WaitForMessageAsync(9002, timeout: StartUp, cancellationToken: Cancel);
        Assert.Contains("AliExpress", Assert.Single(api.Messages(9002)).Text, StringComparison.Ordinal);
        Assert.Empty(api.Calls("getUpdates"));
    }

    [Fact]
    public async Task Run_QuestionFromTelegram_PostedToModeratorsGroup_ReplyToThePostReachesTheAsker()
    {
        const long asker = 9101, moderator = 9200, moderators = -1005550009;
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        _bot = StartBot(api, new()
        {
            ["Moderation__Chats__0__Channel"] = "telegram",
            ["Moderation__Chats__0__ChatId"] = moderators.ToString(CultureInfo.InvariantCulture),
        });

        api.SendText(asker, "/ask Как удалить аккаунт без доступа к почте?");
        var post = await api.WaitForMessageAsync(moderators, timeout: StartUp, cancellationToken: Cancel);
        var posted = api.Message(moderators, post.MessageId!.Value)!;
        Assert.Contains("без доступа к почте", posted.Text, StringComparison.Ordinal);
        // Replied to at once, before the outbox may have stored the post's Telegram id: its Answer button names the question.

        api.SendText(moderator, "Напишите в поддержку через форму восстановления.", chatId: moderators, replyTo: posted.MessageId);
        var answers = await api.WaitForMessageAsync(asker, count: 2, timeout: StartUp, cancellationToken: Cancel);

        Assert.Contains("форму восстановления", api.Message(asker, answers.MessageId!.Value)!.Text, StringComparison.Ordinal);
        Assert.Empty(api.Violations);
    }

    public void Dispose()
    {
        if (_bot is { HasExited: false })
            _bot.Kill(entireProcessTree: true);
        _bot?.WaitForExit(5000);
        _bot?.Dispose();
        _data.Delete(recursive: true);
    }

    private Process StartBot(FakeBotApiServer api, Dictionary<string, string> environment)
    {
        environment["Telegram__Token"] = api.Token;
        environment["Telegram__ApiBaseUrl"] = api.BaseUrl;
        environment["Telegram__PollingTimeoutSeconds"] = "1";
        environment["Storage__Path"] = Path.Combine(_data.FullName, "helpbot.db");
        return HelpBotProcess.StartServing(_data.FullName, environment);
    }

}
