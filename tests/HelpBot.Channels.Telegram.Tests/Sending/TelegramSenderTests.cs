using System.Diagnostics;
using HelpBot.Channels.Telegram.FakeBotApi;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram.Tests.Sending;

/// <summary>Failures injected by the fake Bot API: the reply still arrives, or its loss is logged with the reason.</summary>
public sealed class TelegramSenderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_429_WaitsRetryAfterThenSends()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;
        await rig.WhenPollingAsync();
        api.Fail("sendMessage", Fault.TooManyRequests(retryAfter: 1));
        var user = new TelegramUser(api, 3001);

        var clock = Stopwatch.StartNew();
        await user.SendAsync("/start");

        var sends = api.Calls("sendMessage");
        Assert.Equal([429, 200], sends.Select(s => s.Status));
        Assert.True(sends[1].At - sends[0].At >= TimeSpan.FromSeconds(0.95), $"retried after {(sends[1].At - sends[0].At).TotalMilliseconds} ms");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95));
        Assert.Contains(rig.Bot.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Too Many Requests", StringComparison.Ordinal));
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task Send_ServerErrorsAndDroppedConnection_RetriedUntilDelivered()
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
        Assert.DoesNotContain(api.Token, rig.Bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_FailsUntilTheDeadline_ExpiresLoggedWithItsChat_AndTheChatGoesOn()
    {
        await using var rig = await TelegramTestRig.StartAsync(new Dictionary<string, string?> { ["Delivery:Deadline"] = "00:00:01" });
        var api = rig.Api;
        await rig.WhenPollingAsync();
        api.Fail("sendMessage", Fault.ServerError(503), times: int.MaxValue);
        var user = new TelegramUser(api, 3003);

        api.SendText(user.Id, "/start");
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
