using HelpBot.Channels.Telegram.Sending;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpBot.Channels.Telegram.Tests.Sending;

/// <summary>The send limits on a fake clock: which waits are over after how much time.</summary>
public sealed class SendRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitAsync_PrivateChatOverItsPace_WaitsForTheBucket()
    {
        var limiter = Limiter(chatPerSecond: 10, burst: 2);

        var sends = Enumerable.Range(0, 5).Select(_ => limiter.WaitAsync(42, Cancel).AsTask()).ToArray();

        // Two at once, then one every 100 ms.
        Assert.Equal([true, true, false, false, false], Done(sends));
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal([true, true, false, false, false], Done(sends));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Over(sends[2]);
        Assert.Equal([true, true, true, false, false], Done(sends));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        await Over(sends);
    }

    [Fact]
    public async Task WaitAsync_OtherChats_DoNotWaitForABusyOne()
    {
        var limiter = Limiter(chatPerSecond: 1, burst: 1);
        Assert.True(limiter.WaitAsync(42, Cancel).AsTask().IsCompletedSuccessfully);
        var busy = limiter.WaitAsync(42, Cancel).AsTask();

        var others = Enumerable.Range(1, 20).Select(chat => limiter.WaitAsync(chat, Cancel).AsTask()).ToArray();

        Assert.All(Done(others), Assert.True);
        Assert.False(busy.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Over(busy);
    }

    [Fact]
    public async Task WaitAsync_Group_GetsTheGroupPace()
    {
        var limiter = Limiter(chatPerSecond: 1000, burst: 1000, groupPerMinute: 600);

        // A burst of 600 goes out at once; the group limit then spaces them 100 ms apart.
        var sends = Enumerable.Range(0, 602).Select(_ => limiter.WaitAsync(-100123, Cancel).AsTask()).ToArray();

        Assert.Equal(600, Done(sends).Count(d => d));
        Assert.True(limiter.WaitAsync(42, Cancel).AsTask().IsCompletedSuccessfully, "a private chat is not held by a group's pace");
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Over(sends[600]);
        Assert.False(sends[601].IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_AllChatsTogether_HeldToTheGlobalPace()
    {
        var limiter = Limiter(chatPerSecond: 0, burst: 1, globalPerSecond: 20);

        var sends = Enumerable.Range(1, 25).Select(chat => limiter.WaitAsync(chat, Cancel).AsTask()).ToArray();

        Assert.Equal(20, Done(sends).Count(d => d));
        _time.Advance(TimeSpan.FromMilliseconds(50 * 4));
        await Over(sends[..24]);
        Assert.False(sends[24].IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_GivesItsTurnBack()
    {
        var limiter = Limiter(chatPerSecond: 1, burst: 1);
        await limiter.WaitAsync(42, Cancel);
        using var cancel = new CancellationTokenSource();
        var given = limiter.WaitAsync(42, cancel.Token).AsTask();

        await cancel.CancelAsync();
        _time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => given);
        Assert.True(limiter.WaitAsync(42, Cancel).AsTask().IsCompletedSuccessfully);
    }

    private static bool[] Done(Task[] sends) => sends.Select(s => s.IsCompletedSuccessfully).ToArray();

    /// <summary>The clock has passed their turn: they finish (their continuations may still be on their way).</summary>
    private static Task Over(params Task[] sends) => Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(10), Cancel);

    private SendRateLimiter Limiter(int chatPerSecond, int burst, int groupPerMinute = 0, int globalPerSecond = 0) =>
        new(Options.Create(new TelegramOptions
        {
            Token = "1:x",
            ChatMessagesPerSecond = chatPerSecond,
            ChatBurst = burst,
            GroupMessagesPerMinute = groupPerMinute,
            MessagesPerSecond = globalPerSecond,
        }), _time);
}
