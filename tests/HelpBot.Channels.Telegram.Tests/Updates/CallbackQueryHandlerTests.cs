using System.Text.Json.Nodes;
using HelpBot.Channels.Telegram.FakeBotApi;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram.Tests.Updates;

/// <summary>Button presses: always answered, edited in place when the engine asks, and sensible when the message is gone.</summary>
public sealed class CallbackQueryHandlerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("step:aliexpress:999")]
    [InlineData("step:nosuchguide:1")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("💣")]
    public async Task Press_ForgedData_AnsweredAndToldTheButtonIsOutdated(string data)
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(5001);
        var greeting = (await user.SendAsync("/start"))[0];

        var reply = await user.PressDataAsync(greeting, data);

        Assert.Contains("устарела", reply[0].Text, StringComparison.Ordinal);
        Assert.Single(rig.Api.Calls("answerCallbackQuery"));
        Assert.Empty(rig.Api.Violations);
    }

    [Fact]
    public async Task Press_WithoutData_AnsweredAndToldTheButtonIsOutdated()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(5002);
        var greeting = (await user.SendAsync("/start"))[0];
        var press = rig.Api.ButtonPress(user.Id, greeting, "x");
        press["callback_query"]!.AsObject().Remove("data");
        rig.Api.Enqueue(press);

        var reply = await user.RepliesAsync();
        await rig.Api.WaitForAsync(r => r.Method == "answerCallbackQuery", cancellationToken: Cancel);

        Assert.Contains("устарела", reply[0].Text, StringComparison.Ordinal);
        Assert.Single(rig.Api.Calls("answerCallbackQuery"));
    }

    [Fact]
    public async Task Press_SameScreenTwice_NotModifiedIsQuiet()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(5003);
        var greeting = (await user.SendAsync("/start"))[0];
        var step = (await user.PressAsync(greeting, "Пошаговая"))[0];

        // "Back" from step 2 and a stale "step 1" button both show step 1 on a message that already shows it.
        var press = rig.Api.ButtonPress(user.Id, step, "step:aliexpress:1");
        rig.Api.Enqueue(press);
        await rig.Api.WaitForAsync(r => r.Method == "editMessageText" && r.Status == 400, cancellationToken: Cancel);
        var menu = await user.SendAsync("/menu");
        // Answered beside the press's handling, so not necessarily before the next update's reply.
        await rig.Api.WaitForAnswerAsync(press, cancellationToken: Cancel);

        Assert.Equal(2, rig.Api.Calls("answerCallbackQuery").Count);
        Assert.Equal(menu[0].MessageId, Assert.Single(rig.Api.Calls("sendMessage").Skip(1)).MessageId);
        Assert.DoesNotContain(rig.Bot.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Press_OnMessageThatIsGone_ScreenComesAsANewMessage()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(5004);
        await user.SendAsync("/start");
        var gone = new SentMessage(user.ChatId, 9999, "old", "old", null);

        var reply = await user.PressDataAsync(gone, "steps:aliexpress");

        Assert.Contains("1/9", reply[0].Text, StringComparison.Ordinal);
        Assert.NotEqual(9999, reply[0].MessageId);
        Assert.Contains(rig.Api.Calls("editMessageText"), r => r.Status == 400);
        Assert.Single(rig.Api.Calls("answerCallbackQuery"));
        Assert.Empty(rig.Api.Violations);
    }

    [Fact]
    public async Task Press_OnInaccessibleMessage_ScreenComesAsANewMessage()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(5005);
        var greeting = (await user.SendAsync("/start"))[0];
        var press = rig.Api.ButtonPress(user.Id, greeting, "steps:aliexpress");
        // Telegram sends an InaccessibleMessage (date 0) for messages older than 48 hours.
        press["callback_query"]!["message"] = new JsonObject
        {
            ["chat"] = FakeBotApiServer.Chat(user.ChatId),
            ["message_id"] = greeting.MessageId,
            ["date"] = 0,
        };
        rig.Api.Enqueue(press);

        var reply = await user.RepliesAsync();

        Assert.Empty(rig.Api.Calls("editMessageText"));
        Assert.NotEqual(greeting.MessageId, reply[0].MessageId);
        Assert.Contains("1/9", reply[0].Text, StringComparison.Ordinal);
    }
}
