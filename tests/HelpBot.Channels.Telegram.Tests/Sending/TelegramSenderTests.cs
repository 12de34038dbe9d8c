using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Testing;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram.Tests.Sending;

/// <summary>Failures injected by the fake Bot API: the reply still arrives, or its loss is logged with the reason.</summary>
public sealed class TelegramSenderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_429_TheOutboxWaitsRetryAfterThenSends()
    {
        var time = VirtualTime.StandingStill();
        await using var rig = await TelegramTestRig.StartAsync(time: time);
        var api = rig.Api;
        await rig.WhenPollingAsync();
        api.Fail("sendMessage", Fault.TooManyRequests(retryAfter: 5));
        var user = new TelegramUser(api, 3001);

        var reply = user.SendAsync("/start");
        var putOff = await rig.Bot.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains("Too Many Requests", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(reply.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await reply;

        // The fake records calls by the same clock: the second came exactly retry_after after the first.
        var sends = api.Calls("sendMessage");
        Assert.Equal([429, 200], sends.Select(s => s.Status));
        Assert.Equal(TimeSpan.FromSeconds(5), sends[1].At - sends[0].At);
        Assert.Contains("trying again in 00:00:05", putOff.Message, StringComparison.Ordinal);
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task Send_ServerErrorsAndDroppedConnection_RetriedByTheOutboxUntilDelivered()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;
        await rig.WhenPollingAsync();
        api.Fail("sendMessage", Fault.ServerError(502));
        api.Fail("sendMessage", Fault.ConnectionDrop());
        api.Fail("sendMessage", Fault.ServerError(500));
        var user = new TelegramUser(api, 3002);

        var greeting = (await user.SendAsync("/start"))[0];

        Assert.Contains("AliExpress", greeting.Text, StringComparison.Ordinal);
        Assert.Equal([502, 0, 500, 200], api.Calls("sendMessage").Select(s => s.Status));
        // Each failure went back to the outbox (one call per outbox attempt), not through a second retry layer under it.
        Assert.Equal(3, rig.Bot.Logs.Entries.Count(e => e.Category.EndsWith("OutboxDispatcher", StringComparison.Ordinal) && e.Message.Contains("trying again", StringComparison.Ordinal)));
        Assert.DoesNotContain(api.Token, rig.Bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_FailsUntilTheDeadline_ExpiresLoggedWithItsChat_AndTheChatGoesOn()
    {
        var time = VirtualTime.StandingStill();
        await using var rig = await TelegramTestRig.StartAsync(new Dictionary<string, string?> { ["Delivery:Deadline"] = "00:01:00" }, time);
        var api = rig.Api;
        await rig.WhenPollingAsync();
        api.Fail("sendMessage", Fault.ServerError(503), times: int.MaxValue);
        var user = new TelegramUser(api, 3003);

        api.SendText(user.Id, "/start");
        await rig.Bot.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains("trying again", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromMinutes(1));
        var lost = await rig.Bot.Logs.WaitForAsync(e => e.Level == LogLevel.Error);
        api.ClearFaults("sendMessage");
        await user.SendAsync("/menu");

        Assert.Contains("telegram chat 3003 expired", lost.Message, StringComparison.Ordinal);
        Assert.Contains("503", lost.Message, StringComparison.Ordinal);
        Assert.Contains(api.Calls("sendMessage"), c => c.Status == 503);
        Assert.Single(api.Calls("sendMessage"), c => c.Status == 200);
        Assert.DoesNotContain(api.Token, rig.Bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_400_NotRetriedAndLogged()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;
        await rig.WhenPollingAsync();
        api.Fail("sendMessage", Fault.BadRequest("chat not found"));
        var user = new TelegramUser(api, 3004);

        api.SendText(user.Id, "/start");
        await user.SendAsync("/menu");

        Assert.Equal([400, 200], api.Calls("sendMessage").Select(s => s.Status));
        Assert.Contains(rig.Bot.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("chat not found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerCallbackQuery_Fails_PressIsStillHandled()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;
        var user = new TelegramUser(api, 3005);
        var greeting = (await user.SendAsync("/start"))[0];
        api.Fail("answerCallbackQuery", Fault.BadRequest("query is too old and response timeout expired or query ID is invalid"));

        var step = (await user.PressAsync(greeting, "Пошаговая"))[0];
        // The press is answered beside its reply, not before it: wait for the failure's log line itself.
        var warning = await rig.Bot.Logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Message.Contains("query is too old", StringComparison.Ordinal));

        Assert.Contains("1/9", step.Text, StringComparison.Ordinal);
        Assert.Contains("answerCallbackQuery", warning.Message + warning.Category, StringComparison.Ordinal);
    }
}
