using System.Collections.Concurrent;
using HelpBot.Channels.Telegram.Tests;
using HelpBot.Delivery;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HelpBot.Tests.Delivery;

/// <summary>The delivery loop on a fake clock: outages, retry_after, the deadline, refusals and two instances sharing one outbox.</summary>
public sealed class OutboxDispatcherTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryConversationStore _store = new();
    private readonly DeliveryRig.Meters _meters = new();
    private readonly DeliveryRig.Counters _counters;
    private readonly CapturedLogs _logs = new();

    public OutboxDispatcherTests() => _counters = new DeliveryRig.Counters(_meters);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _counters.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task Outage_500sThenRefusedConnectionsForSixtySeconds_EveryReplyGoesOnceInOrder()
    {
        var sender = new ScriptedSender(m => _time.GetUtcNow() < Start.AddSeconds(60)
            ? m.Attempts % 2 == 0 ? throw new HttpRequestException("Connection refused") : SendOutcome.TryLater("HTTP 500")
            : null);
        await QueueAsync(chats: 5, perChat: 4);
        var dispatcher = Dispatcher(sender);

        await DeliverUntilEmptyAsync(dispatcher, TimeSpan.FromSeconds(1));

        foreach (var chat in Enumerable.Range(0, 5).Select(c => "chat" + c))
            Assert.Equal(Enumerable.Range(0, 4).Select(n => $"{chat}/{n}"), sender.SentTo(chat));
        Assert.True(_time.GetUtcNow() >= Start.AddSeconds(60));
        Assert.Equal((20, 0), (_counters["helpbot.delivery.sent"], _counters["helpbot.delivery.expired"]));
        Assert.True(_counters["helpbot.delivery.retries"] >= 5);
    }

    [Fact]
    public async Task TooManyRequests_WaitsExactlyTheRetryAfterItWasGiven()
    {
        var sender = new ScriptedSender(m => m.Attempts == 1 ? SendOutcome.TryLater("429 Too Many Requests", TimeSpan.FromSeconds(7)) : null);
        await QueueAsync(chats: 1, perChat: 1);
        var dispatcher = Dispatcher(sender);

        Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct));
        _time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, await dispatcher.DeliverDueAsync(Ct));
    }

    [Fact]
    public async Task Deadline_AMessageThatNeverGoesExpires_CountedAndLoggedWithItsChat_AndTheNextOneGoes()
    {
        var sender = new ScriptedSender(m => m.Text == "chat0/0" ? SendOutcome.TryLater("HTTP 502") : null);
        await QueueAsync(chats: 1, perChat: 1);
        // The next reply is written half an hour later, so it is still within its own hour when the first one gives up.
        _time.Advance(TimeSpan.FromMinutes(30));
        await QueueAsync(chats: 1, perChat: 1, from: 1);
        var dispatcher = Dispatcher(sender, new DeliveryOptions { Deadline = TimeSpan.FromHours(1), RetryMaxDelay = TimeSpan.FromMinutes(10) });

        await DeliverUntilEmptyAsync(dispatcher, TimeSpan.FromMinutes(1));

        Assert.Equal(["chat0/1"], sender.SentTo("chat0"));
        Assert.InRange(_time.GetUtcNow(), Start.AddMinutes(50), Start.AddHours(1.2));
        Assert.Equal((1, 1), (_counters["helpbot.delivery.expired"], _counters["helpbot.delivery.sent"]));
        var line = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("Reply message to telegram chat chat0 expired", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("chat0/0", line.Message, StringComparison.Ordinal); // the text stays out of logs
    }

    [Fact]
    public async Task Refused_ExpiresAtOnce_WithoutRetries()
    {
        var sender = new ScriptedSender(m => m.Text == "chat0/0" ? SendOutcome.Refused("403 Forbidden: bot was blocked by the user") : null);
        await QueueAsync(chats: 1, perChat: 2);

        Assert.Equal(1, await Dispatcher(sender).DeliverDueAsync(Ct));

        Assert.Equal(["chat0/1"], sender.SentTo("chat0"));
        Assert.Equal((1, 0), (_counters["helpbot.delivery.expired"], _counters["helpbot.delivery.retries"]));
        var expired = Assert.Single(_store.Outbox, o => o.ExpiredAt is not null);
        Assert.Equal("403 Forbidden: bot was blocked by the user", expired.LastError);
    }

    [Fact]
    public async Task TwoInstancesOnOneOutbox_SendEachMessageOnce_InOrderPerChat()
    {
        var sender = new ScriptedSender(_ => null);
        await QueueAsync(chats: 10, perChat: 6);
        var first = Dispatcher(sender);
        var second = Dispatcher(sender);

        for (var round = 0; round < 100 && await _store.CountPendingAsync(null, Ct) > 0; round++)
            await Task.WhenAll(Task.Run(() => first.DeliverDueAsync(Ct), Ct), Task.Run(() => second.DeliverDueAsync(Ct), Ct));

        foreach (var chat in Enumerable.Range(0, 10).Select(c => "chat" + c))
            Assert.Equal(Enumerable.Range(0, 6).Select(n => $"{chat}/{n}"), sender.SentTo(chat));
    }

    [Fact]
    public async Task CommittedReplies_GoOutAtOnce_InOrder_WithNoSearchOfTheOutbox()
    {
        var sender = new ScriptedSender(_ => null);
        var feed = new OutboxFeed();
        _ = Dispatcher(sender, feed: feed); // its loop never runs, and the clock stands still: nothing searches the outbox

        foreach (var committed in await QueueAsync(chats: 3, perChat: 4))
            feed.Committed(committed);

        await UntilAsync(() => _store.Outbox.Count == 0);
        foreach (var chat in Enumerable.Range(0, 3).Select(c => "chat" + c))
            Assert.Equal(Enumerable.Range(0, 4).Select(n => $"{chat}/{n}"), sender.SentTo(chat));
    }

    [Fact]
    public async Task MessageCommittedWhileItsChatIsSending_GoesOnce_AfterTheMessagesBeforeIt()
    {
        var held = new HeldSend("chat0/0");
        var sender = new ScriptedSender(_ => null, before: held.WaitAsync);
        var feed = new OutboxFeed();
        _ = Dispatcher(sender, feed: feed);

        feed.Committed((await QueueAsync(chats: 1, perChat: 1))[0]);
        await held.Started.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        feed.Committed((await QueueAsync(chats: 1, perChat: 2, from: 1))[0]);
        held.Release();

        await UntilAsync(() => _store.Outbox.Count == 0);
        Assert.Equal(["chat0/0", "chat0/1", "chat0/2"], sender.SentTo("chat0"));
    }

    [Fact]
    public async Task InstanceThatCannotClaimABusyChat_LeavesItsMessage_ToTheHolder_WhoSendsItOnRelease()
    {
        var held = new HeldSend("chat0/0");
        var holder = new ScriptedSender(_ => null, before: held.WaitAsync);
        var other = new ScriptedSender(_ => null);
        var (holderFeed, otherFeed) = (new OutboxFeed(), new OutboxFeed());
        _ = Dispatcher(holder, feed: holderFeed);
        _ = Dispatcher(other, feed: otherFeed);

        holderFeed.Committed((await QueueAsync(chats: 1, perChat: 1))[0]);
        await held.Started.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        otherFeed.Committed((await QueueAsync(chats: 1, perChat: 1, from: 1))[0]); // committed by the other instance
        await Task.Delay(100, Ct);
        Assert.Empty(other.SentTo("chat0")); // it could not claim the chat, so it sent nothing
        held.Release();

        await UntilAsync(() => _store.Outbox.Count == 0);
        Assert.Equal(["chat0/0", "chat0/1"], holder.SentTo("chat0"));
        Assert.Empty(other.SentTo("chat0"));
    }

    private OutboxDispatcher Dispatcher(IChannelSender sender, DeliveryOptions? options = null, OutboxFeed? feed = null) =>
        DeliveryRig.Dispatcher([sender], _store, _time, options, _logs, _meters, feed);

    /// <summary>Waits (real time, bounded) for what the dispatcher does on its own threads.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 10_000, "the dispatcher did not get there within 10 s");
            await Task.Delay(10, Ct);
        }
    }

    /// <summary>Delivers, moving the clock on by <paramref name="step"/> between passes, until the outbox is empty (bounded).</summary>
    private async Task DeliverUntilEmptyAsync(OutboxDispatcher dispatcher, TimeSpan step)
    {
        for (var pass = 0; pass < 10_000 && await _store.CountPendingAsync(null, Ct) > 0; pass++)
        {
            await dispatcher.DeliverDueAsync(Ct);
            _time.Advance(step);
        }
        Assert.Equal(0, await _store.CountPendingAsync(null, Ct));
    }

    /// <summary>Replies as turns would commit them: chat by chat, <paramref name="perChat"/> messages each, text <c>chatN/i</c> counting from <paramref name="from"/>; returns each commit's messages.</summary>
    private async Task<List<List<OutboxMessage>>> QueueAsync(int chats, int perChat, int from = 0)
    {
        var commits = new List<List<OutboxMessage>>();
        for (var i = from; i < from + perChat; i++)
        {
            for (var chat = 0; chat < chats; chat++)
            {
                var changes = new TurnChanges();
                changes.Outbox.Add(new OutboxMessage
                {
                    Id = Guid.NewGuid().ToString("N"),
                    Channel = "telegram",
                    ChatId = "chat" + chat,
                    UserKey = "telegram:" + chat,
                    Purpose = OutboxPurpose.Reply,
                    Text = $"chat{chat}/{i}",
                    CreatedAt = _time.GetUtcNow(),
                    NextAttemptAt = _time.GetUtcNow(),
                });
                await _store.CommitAsync(changes, Ct);
                commits.Add(changes.Outbox);
            }
        }
        return commits;
    }

    /// <summary>Holds the send of one message until the test releases it: a chat caught mid-send.</summary>
    private sealed class HeldSend(string text)
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public void Release() => _released.TrySetResult();

        public async Task WaitAsync(OutboxMessage message)
        {
            if (message.Text != text)
                return;
            _started.TrySetResult();
            await _released.Task;
        }
    }

    /// <summary>A channel whose script says how an attempt ends (null: sent), recording what it sent per chat; <c>before</c> may hold a send back.</summary>
    private sealed class ScriptedSender(Func<OutboxMessage, SendOutcome?> script, Func<OutboxMessage, Task>? before = null) : IChannelSender
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _sent = new();

        public string Channel => "telegram";

        public IReadOnlyList<string> SentTo(string chat) => _sent.TryGetValue(chat, out var sent) ? [.. sent] : [];

        public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (before is not null)
                await before(message);
            if (script(message) is { } failure)
                return failure;
            _sent.GetOrAdd(message.ChatId, _ => new()).Enqueue(message.Text);
            return SendOutcome.Sent(null);
        }
    }
}
