using HelpBot.Channels.Telegram.FakeBotApi;

namespace HelpBot.Channels.Telegram.Tests.Updates;

/// <summary>One chat in order, different chats in parallel.</summary>
public sealed class UpdateDispatcherTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SlowChat_HoldsItsOwnUpdatesInOrder_OtherChatsGoOn()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;
        await rig.WhenPollingAsync();
        var slow = new TelegramUser(api, 6001);
        var other = new TelegramUser(api, 6002);
        // The first reply to the slow chat is throttled for a second.
        api.Fail("sendMessage", Fault.TooManyRequests(retryAfter: 1));

        api.SendText(slow.Id, "/start");
        api.SendText(slow.Id, "/menu");
        await api.WaitForAsync(r => r.Status == 429, cancellationToken: Cancel);
        var otherReply = await other.SendAsync("/help");
        var slowReplies = await slow.RepliesAsync(2);

        var sent = api.Calls("sendMessage").Where(r => r.Status == 200).ToList();
        Assert.Equal(other.ChatId, FakeBotApiServer.ChatOf(sent[0]));
        Assert.Contains("AliExpress", slowReplies[0].Text, StringComparison.Ordinal);
        Assert.Contains("Выберите раздел", slowReplies[1].Text, StringComparison.Ordinal);
        Assert.True(slowReplies[0].MessageId < slowReplies[1].MessageId);
        Assert.NotEmpty(otherReply[0].Text);
    }

    [Fact]
    public async Task ManyChats_AllAnsweredOnce()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;
        var users = Enumerable.Range(0, 150).Select(i => new TelegramUser(api, 7000 + i)).ToList();

        foreach (var user in users)
            api.SendText(user.Id, "/start");
        foreach (var user in users)
            await user.RepliesAsync();

        Assert.Equal(150, api.Calls("sendMessage").Count);
        Assert.All(users, u => Assert.Single(api.Messages(u.ChatId)));
    }
}
