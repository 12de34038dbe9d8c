using HelpBot.Engine.Storage;

namespace HelpBot.Storage.Contract;

/// <summary>
/// What every store must do with the outbox (<see cref="IOutboxStore"/>): one ordered queue per chat, heads claimed with a
/// lease by one sender at a time, settled only by their owner. A provider's test project links this file and derives a
/// class that creates its store; each test gets a fresh, empty store.
/// </summary>
public abstract class OutboxStoreContract<TStore> : StoreContract<TStore>
    where TStore : IConversationStore, IModerationStore, IOutboxStore
{
    protected static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected static OutboxMessage Message(string id, string chat, string channel = "telegram", OutboxPurpose purpose = OutboxPurpose.Reply, string userKey = "telegram:1") => new()
    {
        Id = id,
        Channel = channel,
        ChatId = chat,
        UserKey = userKey,
        Purpose = purpose,
        Text = "text of " + id,
        CreatedAt = T0,
        NextAttemptAt = T0,
    };

    private static async Task CommitAsync(TStore store, params OutboxMessage[] messages)
    {
        var changes = new TurnChanges();
        changes.Outbox.AddRange(messages);
        await store.CommitAsync(changes, Ct);
    }

    private static async Task<List<string>> ClaimIdsAsync(TStore store, string owner, DateTimeOffset now, string channel = "telegram", int max = 100) =>
        (await store.ClaimAsync(channel, owner, now, Lease, max, Ct)).Select(o => o.Id).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Commit_NumbersMessagesInTheOrderTheyAreWritten()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"), Message("a2", "A"));
        await CommitAsync(store, Message("b1", "B"));

        var claimed = await store.ClaimAsync("telegram", "one", T0, Lease, 10, Ct);

        Assert.Equal(["a1", "b1"], claimed.Select(o => o.Id));
        var pending = await store.PendingOutboxAsync("default", Ct);
        Assert.Equal(["a1", "a2", "b1"], pending.Select(o => o.Id));
        Assert.True(pending[0].Sequence < pending[1].Sequence && pending[1].Sequence < pending[2].Sequence);
    }

    [Fact]
    public async Task Claim_HandsOutOnlyEachChatsHead_AndTheNextOnceItIsSent()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"), Message("a2", "A"), Message("a3", "A"), Message("b1", "B"));

        Assert.Equal(["a1", "b1"], await ClaimIdsAsync(store, "one", T0));
        Assert.Empty(await ClaimIdsAsync(store, "one", T0)); // both heads are leased, and nothing behind them goes first

        Assert.True(await store.MarkSentAsync("a1", "one", "m1", T0, Ct));
        Assert.Equal(["a2"], await ClaimIdsAsync(store, "one", T0));
        Assert.Equal(3, await store.CountPendingAsync("telegram", Ct));
    }

    [Fact]
    public async Task Claim_SetsTheLease_AndCountsTheAttempt()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"));

        var claimed = Assert.Single(await store.ClaimAsync("telegram", "one", T0, Lease, 10, Ct));

        Assert.Equal(("one", T0 + Lease, 1), (claimed.LeaseOwner, claimed.LeaseUntil, claimed.Attempts));
    }

    [Fact]
    public async Task LeasedHead_GoesToAnotherSender_OnlyOnceTheLeaseHasEnded()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"));
        Assert.Equal(["a1"], await ClaimIdsAsync(store, "dead", T0));

        Assert.Empty(await ClaimIdsAsync(store, "alive", T0 + Lease - TimeSpan.FromSeconds(1)));
        var again = Assert.Single(await store.ClaimAsync("telegram", "alive", T0 + Lease, Lease, 10, Ct));

        Assert.Equal(("alive", 2), (again.LeaseOwner, again.Attempts));
        Assert.False(await store.MarkSentAsync("a1", "dead", "m1", T0 + Lease, Ct)); // the old owner lost it
        Assert.True(await store.MarkSentAsync("a1", "alive", "m1", T0 + Lease, Ct));
        Assert.Equal(0, await store.CountPendingAsync(null, Ct));
    }

    [Fact]
    public async Task RetryLater_HoldsTheWholeChatUntilItsHeadIsDue()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"), Message("a2", "A"), Message("b1", "B"));
        Assert.Equal(["a1", "b1"], await ClaimIdsAsync(store, "one", T0));

        Assert.True(await store.RetryLaterAsync("a1", "one", T0.AddSeconds(10), "HTTP 502", Ct));
        Assert.True(await store.MarkSentAsync("b1", "one", "m1", T0, Ct));

        Assert.Empty(await ClaimIdsAsync(store, "one", T0.AddSeconds(9)));
        var head = Assert.Single(await store.ClaimAsync("telegram", "one", T0.AddSeconds(10), Lease, 10, Ct));
        Assert.Equal(("a1", "HTTP 502", 2), (head.Id, head.LastError, head.Attempts));
    }

    [Fact]
    public async Task Expire_GivesUpTheHead_AndLetsTheChatsNextMessageGo()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"), Message("a2", "A"));
        await ClaimIdsAsync(store, "one", T0);

        Assert.True(await store.ExpireAsync("a1", "one", T0.AddHours(24), "deadline passed", Ct));

        Assert.Equal(["a2"], await ClaimIdsAsync(store, "one", T0.AddHours(24)));
        Assert.Equal(["a2"], (await store.PendingOutboxAsync("default", Ct)).Select(o => o.Id));
    }

    [Fact]
    public async Task Settle_ByASenderWithoutTheLease_ChangesNothing()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"));
        Assert.False(await store.MarkSentAsync("a1", "one", "m1", T0, Ct)); // never claimed
        await ClaimIdsAsync(store, "one", T0);

        Assert.False(await store.MarkSentAsync("a1", "other", "m1", T0, Ct));
        Assert.False(await store.RetryLaterAsync("a1", "other", T0, "x", Ct));
        Assert.False(await store.ExpireAsync("a1", "other", T0, "x", Ct));
        Assert.False(await store.MarkSentAsync("missing", "one", "m1", T0, Ct));

        Assert.Equal(1, await store.CountPendingAsync("telegram", Ct));
        Assert.True(await store.MarkSentAsync("a1", "one", "m1", T0, Ct));
        Assert.False(await store.MarkSentAsync("a1", "one", "m1", T0, Ct)); // settled once
    }

    [Fact]
    public async Task Claim_KeepsToItsChannel_AndToMax_OldestChatsFirst()
    {
        var store = Store();
        await CommitAsync(store, Message("d1", "D", channel: "discord"), Message("c1", "C"), Message("a1", "A"), Message("b1", "B"));

        var first = await store.ClaimAsync("telegram", "one", T0, Lease, 2, Ct);

        Assert.Equal(["c1", "a1"], first.Select(o => o.Id));
        Assert.Equal(["d1"], await ClaimIdsAsync(store, "one", T0, channel: "discord"));
        Assert.Equal(3, await store.CountPendingAsync("telegram", Ct));
        Assert.Equal(4, await store.CountPendingAsync(null, Ct));
    }

    [Fact]
    public async Task SentPost_StaysFindableByItsChannelMessageId()
    {
        var store = Store();
        await CommitAsync(store, Message("p1", "-100", purpose: OutboxPurpose.QuestionPosted));
        await ClaimIdsAsync(store, "one", T0);

        Assert.True(await store.MarkSentAsync("p1", "one", "77", T0, Ct));

        var post = await store.FindPostAsync("telegram", "-100", "77", Ct);
        Assert.Equal(("p1", T0), (post?.Id, post?.DeliveredAt));
        Assert.Empty(await store.PendingOutboxAsync("default", Ct));
    }

    [Fact]
    public async Task ResolvedQuestionsDelivery_QueuesBehindTheChatsEarlierMessages()
    {
        var store = Store();
        await store.CommitAsync(new TurnChanges { Question = new Question { Id = "Q1", UserKey = "telegram:1", Status = QuestionStatus.Open } }, Ct);
        await CommitAsync(store, Message("a1", "A"));

        Assert.True(await store.TryResolveQuestionAsync(
            new Question { Id = "Q1", UserKey = "telegram:1", Status = QuestionStatus.Answered },
            Message("answer", "A", purpose: OutboxPurpose.AnswerDelivery), Ct));

        Assert.Equal(["a1"], await ClaimIdsAsync(store, "one", T0));
        await store.MarkSentAsync("a1", "one", "1", T0, Ct);
        Assert.Equal(["answer"], await ClaimIdsAsync(store, "one", T0));
    }

    [Fact]
    public async Task Message_KeepsItsRouteButtonsAndFiles()
    {
        var store = Store();
        var message = Message("a1", "A");
        message.ThreadId = "5";
        message.QuoteMessageId = "6";
        message.EditMessageId = "7";
        message.ReplyHandle = "token";
        message.RecipientUserId = "1";
        message.Buttons = [new OutboxButton { Row = 1, Label = "Далее ▶", Action = "step:g:2" }];
        message.Attachments = [new OutboxAttachment { FileName = "stats.png", ContentType = "image/png", Data = [1, 2, 3] }];
        await CommitAsync(store, message);

        var claimed = Assert.Single(await store.ClaimAsync("telegram", "one", T0, Lease, 10, Ct));

        Assert.Equal(("5", "6", "7", "token", "1", "text of a1"), (claimed.ThreadId, claimed.QuoteMessageId, claimed.EditMessageId, claimed.ReplyHandle, claimed.RecipientUserId, claimed.Text));
        var button = Assert.Single(claimed.Buttons);
        Assert.Equal((1, "Далее ▶", "step:g:2"), (button.Row, button.Label, button.Action));
        var file = Assert.Single(claimed.Attachments);
        Assert.Equal(("stats.png", "image/png"), (file.FileName, file.ContentType));
        Assert.Equal([1, 2, 3], file.Data);
    }

    [Fact]
    public async Task Forget_RemovesTheUsersPendingMessages()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A", userKey: "telegram:1"), Message("b1", "B", userKey: "telegram:2"));

        await store.ForgetUserAsync("telegram:1", Ct);

        Assert.Equal(["b1"], await ClaimIdsAsync(store, "one", T0));
    }

    [Fact]
    public async Task ConcurrentSenders_NeverGetTheSameHead()
    {
        var store = Store();
        for (var chat = 0; chat < 40; chat++)
            await CommitAsync(store, Message("m" + chat, "chat" + chat), Message("n" + chat, "chat" + chat));

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(sender => Task.Run(async () =>
        {
            var mine = new List<string>();
            for (var round = 0; round < 10; round++)
            {
                foreach (var message in await store.ClaimAsync("telegram", "sender" + sender, T0, Lease, 7, Ct))
                {
                    mine.Add(message.Id);
                    Assert.True(await store.MarkSentAsync(message.Id, "sender" + sender, null, T0, Ct));
                }
            }
            return mine;
        }, Ct)));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(80, all.Count);
    }
}
