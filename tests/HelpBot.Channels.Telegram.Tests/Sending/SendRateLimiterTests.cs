using System.Diagnostics;
using HelpBot.Channels.Telegram.Sending;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Tests.Sending;

public sealed class SendRateLimiterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitAsync_PrivateChatOverItsPace_WaitsForTheBucket()
    {
        using var limiter = Limiter(chatPerSecond: 10, burst: 2);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 5; i++)
            await limiter.WaitAsync(42, Cancel);

        // Two at once, then one every 100 ms.
        Assert.InRange(clock.ElapsedMilliseconds, 250, 2000);
    }

    [Fact]
    public async Task WaitAsync_OtherChats_DoNotWaitForABusyOne()
    {
        using var limiter = Limiter(chatPerSecond: 1, burst: 1);
        await limiter.WaitAsync(42, Cancel);
        var clock = Stopwatch.StartNew();

        for (var chat = 1; chat <= 20; chat++)
            await limiter.WaitAsync(chat, Cancel);

        Assert.InRange(clock.ElapsedMilliseconds, 0, 900);
    }

    [Fact]
    public async Task WaitAsync_Group_GetsTheGroupPace()
    {
        using var limiter = Limiter(chatPerSecond: 1000, burst: 1000, groupPerMinute: 600);
        var clock = Stopwatch.StartNew();

        // A burst of 600 goes out at once; the group limit then spaces them 100 ms apart.
        for (var i = 0; i < 603; i++)
            await limiter.WaitAsync(-100123, Cancel);

        Assert.InRange(clock.ElapsedMilliseconds, 250, 2000);
    }

    [Fact]
    public async Task WaitAsync_AllChatsTogether_HeldToTheGlobalPace()
    {
        using var limiter = Limiter(chatPerSecond: 0, burst: 1, globalPerSecond: 20);
        var clock = Stopwatch.StartNew();

        for (var chat = 1; chat <= 25; chat++)
            await limiter.WaitAsync(chat, Cancel);

        Assert.InRange(clock.ElapsedMilliseconds, 200, 2000);
    }

    private static SendRateLimiter Limiter(int chatPerSecond, int burst, int groupPerMinute = 0, int globalPerSecond = 0) =>
        new(Options.Create(new TelegramOptions
        {
            Token = "1:x",
            ChatMessagesPerSecond = chatPerSecond,
            ChatBurst = burst,
            GroupMessagesPerMinute = groupPerMinute,
            MessagesPerSecond = globalPerSecond,
        }));
}
