using System.Text.Json.Nodes;
using HelpBot.Channels.Telegram.FakeBotApi;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram.Tests.Updates;

/// <summary>Button presses: always answered, edited in place when the engine asks, and sensible when the message is gone.</summary>
public sealed class CallbackQueryHandlerTests : IAsyncLifetime
{
    private FakeBotApiServer _api = null!;
    private TelegramTestBot _bot = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        _bot = await TelegramTestBot.StartAsync(_api, cancellationToken: Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Theory]
    [InlineData("step:aliexpress:999")]
    [InlineData("step:nosuchguide:1")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("💣")]
    public async Task Press_ForgedData_AnsweredAndToldTheButtonIsOutdated(string data)
    {
        var user = new TelegramUser(_api, 5001);
        var greeting = (await user.SendAsync("/start"))[0];

        var reply = await user.PressDataAsync(greeting, data);

        Assert.Contains("устарела", reply[0].Text, StringComparison.Ordinal);
        Assert.Single(_api.Calls("answerCallbackQuery"));
        Assert.Empty(_api.Violations);
    }

    [Fact]
    public async Task Press_WithoutData_AnsweredAndToldTheButtonIsOutdated()
    {
        var user = new TelegramUser(_api, 5002);
        var greeting = (await user.SendAsync("/start"))[0];
        var press = _api.ButtonPress(user.Id, greeting, "x");
        press["callback_query"]!.AsObject().Remove("data");
        _api.Enqueue(press);

        var reply = await user.RepliesAsync();
        await _api.WaitForAsync(r => r.Method == "answerCallbackQuery", cancellationToken: Cancel);

        Assert.Contains("устарела", reply[0].Text, StringComparison.Ordinal);
        Assert.Single(_api.Calls("answerCallbackQuery"));
    }

    [Fact]
    public async Task Press_SameScreenTwice_NotModifiedIsQuiet()
    {
        var user = new TelegramUser(_api, 5003);
        var greeting = (await user.SendAsync("/start"))[0];
        var step = (await user.PressAsync(greeting, "Пошаговая"))[0];

        // "Back" from step 2 and a stale "step 1" button both show step 1 on a message that already shows it.
        _api.PressButton(user.Id, step, "step:aliexpress:1");
        await _api.WaitForAsync(r => r.Method == "editMessageText" && r.Status == 400, cancellationToken: Cancel);
        var menu = await user.SendAsync("/menu");

        Assert.Equal(2, _api.Calls("answerCallbackQuery").Count);
        Assert.Equal(menu[0].MessageId, Assert.Single(_api.Calls("sendMessage").Skip(1)).MessageId);
        Assert.DoesNotContain(_bot.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Press_OnMessageThatIsGone_ScreenComesAsANewMessage()
    {
        var user = new TelegramUser(_api, 5004);
        await user.SendAsync("/start");
        var gone = new SentMessage(user.ChatId, 9999, "old", "old", null);

        var reply = await user.PressDataAsync(gone, "steps:aliexpress");

        Assert.Contains("1/9", reply[0].Text, StringComparison.Ordinal);
        Assert.NotEqual(9999, reply[0].MessageId);
        Assert.Contains(_api.Calls("editMessageText"), r => r.Status == 400);
        Assert.Single(_api.Calls("answerCallbackQuery"));
        Assert.Empty(_api.Violations);
    }

    [Fact]
    public async Task Press_OnInaccessibleMessage_ScreenComesAsANewMessage()
    {
        var user = new TelegramUser(_api, 5005);
        var greeting = (await user.SendAsync("/start"))[0];
        var press = _api.ButtonPress(user.Id, greeting, "steps:aliexpress");
        // Telegram sends an InaccessibleMessage (date 0) for messages older than 48 hours.
        press["callback_query"]!["message"] = new JsonObject
        {
            ["chat"] = FakeBotApiServer.Chat(user.ChatId),
            ["message_id"] = greeting.MessageId,
            ["date"] = 0,
        };
        _api.Enqueue(press);

        var reply = await user.RepliesAsync();

        Assert.Empty(_api.Calls("editMessageText"));
        Assert.NotEqual(greeting.MessageId, reply[0].MessageId);
        Assert.Contains("1/9", reply[0].Text, StringComparison.Ordinal);
    }
}
