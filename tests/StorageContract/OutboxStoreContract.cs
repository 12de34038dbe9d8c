using HelpBot.Engine.Storage;

namespace HelpBot.Storage.Contract;

/// <summary>
/// What every store must do with the outbox (<see cref="IOutboxStore"/>): one ordered queue per chat, chats claimed by one
/// sender at a time and found through their due heads, settlements that move a chat on. A provider's test project links this file and derives a
/// class that creates its store; each test gets a fresh, empty store.
/// </summary>
public abstract class OutboxStoreContract<TStore> : StoreContract<TStore>
    where TStore : IConversationStore, IModerationStore, IOutboxStore
{
    protected static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

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

    /// <summary>Claims the due chats and reads each one's head, as a sender does; sorted by id.</summary>
    private static async Task<List<string>> ClaimHeadsAsync(TStore store, DateTimeOffset now, string channel = "telegram", int max = 100)
    {
        var heads = new List<string>();
        foreach (var chat in await store.ClaimDueChatsAsync(channel, now, max, Ct))
            heads.Add((await store.ReadChatAsync(chat, Ct))[0].Id);
        return heads.Order(StringComparer.Ordinal).ToList();
    }

    private static Task SettleAsync(TStore store, OutboxMessage message, OutboxOutcome outcome, DateTimeOffset at, string? channelMessageId = null) =>
        store.SettleAsync([new OutboxSettlement(message, outcome, at, channelMessageId, outcome == OutboxOutcome.Sent ? null : "HTTP 502")], Ct).AsTask();

    private static OutboxChat Chat(string id, string channel = "telegram") => new(channel, id);

    [Fact]
    public async Task Commit_NumbersMessagesInTheOrderTheyAreWritten()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"), Message("a2", "A"));
        await CommitAsync(store, Message("b1", "B"));

        Assert.Equal(["a1", "b1"], await ClaimHeadsAsync(store, T0));
        Assert.Equal(["a1", "a2"], (await store.ReadChatAsync(Chat("A"), Ct)).Select(o => o.Id));
        var pending = await store.PendingOutboxAsync("default", Ct);
        Assert.Equal(["a1", "a2", "b1"], pending.Select(o => o.Id));
        Assert.True(pending[0].Sequence < pending[1].Sequence && pending[1].Sequence < pending[2].Sequence);
    }

    [Fact]
    public async Task ClaimedChat_IsNotHandedOutAgain_UntilReleased()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"), Message("a2", "A"), Message("b1", "B"));

        Assert.Equal([Chat("A"), Chat("B")], (await store.ClaimDueChatsAsync("telegram", T0, 10, Ct)).OrderBy(c => c.ChatId));
        Assert.Empty(await store.ClaimDueChatsAsync("telegram", T0, 10, Ct));
        Assert.Null(await store.TryClaimChatAsync(Chat("A"), [], Ct));

        var a = await store.ReadChatAsync(Chat("A"), Ct);
        await SettleAsync(store, a[0], OutboxOutcome.Sent, T0);
        Assert.True(await store.ReleaseChatAsync(Chat("A"), T0, Ct)); // a2 is due: the releaser is told to look again
        Assert.True(await store.ReleaseChatAsync(Chat("B"), T0, Ct)); // b1 was never sent

        var again = await store.TryClaimChatAsync(Chat("A"), [], Ct);
        Assert.Equal(["a2"], again!.Select(o => o.Id));
        Assert.Equal(2, await store.CountPendingAsync("telegram", Ct));
    }

    [Fact]
    public async Task TryClaimChat_ReturnsThePendingMessagesInOrder_EmptyWhenThereAreNone()
    {
        var store = Store();
        var a1 = Message("a1", "A");
        var a2 = Message("a2", "A");
        await CommitAsync(store, a1, a2);

        Assert.Equal(["a1", "a2"], (await store.TryClaimChatAsync(Chat("A"), [a2], Ct))!.Select(o => o.Id));
        Assert.Empty((await store.TryClaimChatAsync(Chat("Z"), [], Ct))!);
        Assert.False(await store.ReleaseChatAsync(Chat("Z"), T0, Ct));
    }

    [Fact]
    public async Task ReleasedChat_WithAMessageWrittenWhileItWasHeld_SaysSo()
    {
        var store = Store();
        Assert.NotNull(await store.TryClaimChatAsync(Chat("A"), [], Ct));

        await CommitAsync(store, Message("a1", "A")); // written by someone who could not claim the chat

        Assert.True(await store.ReleaseChatAsync(Chat("A"), T0, Ct));
        Assert.Equal(["a1"], await ClaimHeadsAsync(store, T0));
    }

    [Fact]
    public async Task RetryLater_HoldsTheWholeChatUntilItsHeadIsDue_AndKeepsTheAttempts()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"), Message("a2", "A"), Message("b1", "B"));
        var a = await store.TryClaimChatAsync(Chat("A"), [], Ct);
        a![0].Attempts = 1;

        await SettleAsync(store, a[0], OutboxOutcome.RetryLater, T0.AddSeconds(10));
        Assert.False(await store.ReleaseChatAsync(Chat("A"), T0, Ct));

        Assert.Equal(["b1"], await ClaimHeadsAsync(store, T0.AddSeconds(9)));
        Assert.Equal(["a1"], await ClaimHeadsAsync(store, T0.AddSeconds(10)));
        var head = (await store.ReadChatAsync(Chat("A"), Ct))[0];
        Assert.Equal(("a1", "HTTP 502", 1), (head.Id, head.LastError, head.Attempts));
    }

    [Fact]
    public async Task Expire_GivesUpTheHead_AndLetsTheChatsNextMessageGo()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"), Message("a2", "A"));
        var a = await store.TryClaimChatAsync(Chat("A"), [], Ct);

        await SettleAsync(store, a![0], OutboxOutcome.Expired, T0.AddHours(24));
        await store.ReleaseChatAsync(Chat("A"), T0.AddHours(24), Ct);

        Assert.Equal(["a2"], await ClaimHeadsAsync(store, T0.AddHours(24)));
        Assert.Equal(["a2"], (await store.PendingOutboxAsync("default", Ct)).Select(o => o.Id));
    }

    [Fact]
    public async Task ClaimDue_KeepsToItsChannel_AndToMax_OldestChatsFirst()
    {
        var store = Store();
        await CommitAsync(store, Message("d1", "D", channel: "discord"), Message("c1", "C"), Message("a1", "A"), Message("b1", "B"));

        var first = await store.ClaimDueChatsAsync("telegram", T0, 2, Ct);

        Assert.Equal([Chat("C"), Chat("A")], first);
        Assert.Equal(["d1"], await ClaimHeadsAsync(store, T0, channel: "discord"));
        Assert.Equal(3, await store.CountPendingAsync("telegram", Ct));
        Assert.Equal(4, await store.CountPendingAsync(null, Ct));
    }

    [Fact]
    public async Task SentPost_StaysFindableByItsChannelMessageId_UntilPruned_WhileASentReplyIsGone()
    {
        var store = Store();
        await CommitAsync(store, Message("p1", "-100", purpose: OutboxPurpose.QuestionPosted), Message("r1", "-100"));
        var messages = await store.TryClaimChatAsync(Chat("-100"), [], Ct);

        await SettleAsync(store, messages![0], OutboxOutcome.Sent, T0, "77");
        await SettleAsync(store, messages[1], OutboxOutcome.Sent, T0, "78");

        var post = await store.FindPostAsync("telegram", "-100", "77", Ct);
        Assert.Equal(("p1", T0), (post?.Id, post?.DeliveredAt));
        Assert.Null(await store.FindPostAsync("telegram", "-100", "78", Ct));
        Assert.Empty(await store.PendingOutboxAsync("default", Ct));

        Assert.Equal(0, await store.PruneAsync(T0, Ct));
        Assert.Equal(1, await store.PruneAsync(T0.AddSeconds(1), Ct));
        Assert.Null(await store.FindPostAsync("telegram", "-100", "77", Ct));
    }

    [Fact]
    public async Task Prune_LeavesPendingMessagesAlone()
    {
        var store = Store();
        await CommitAsync(store, Message("a1", "A"));

        Assert.Equal(0, await store.PruneAsync(T0.AddDays(365), Ct));
        Assert.Equal(1, await store.CountPendingAsync(null, Ct));
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

        Assert.Equal(["a1", "answer"], (await store.TryClaimChatAsync(Chat("A"), [], Ct))!.Select(o => o.Id));
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

        var claimed = Assert.Single((await store.TryClaimChatAsync(Chat("A"), [], Ct))!);

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

        Assert.Equal(["b1"], await ClaimHeadsAsync(store, T0));
    }

    [Fact]
    public async Task ConcurrentSenders_NeverHoldTheSameChat_AndEveryMessageGoesOnce()
    {
        var store = Store();
        for (var chat = 0; chat < 40; chat++)
            await CommitAsync(store, Message("m" + chat, "chat" + chat), Message("n" + chat, "chat" + chat));

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(sender => Task.Run(async () =>
        {
            var mine = new List<string>();
            for (var round = 0; round < 10; round++)
            {
                foreach (var chat in await store.ClaimDueChatsAsync("telegram", T0, 7, Ct))
                {
                    foreach (var message in await store.ReadChatAsync(chat, Ct))
                    {
                        mine.Add(message.Id);
                        await SettleAsync(store, message, OutboxOutcome.Sent, T0);
                    }
                    await store.ReleaseChatAsync(chat, T0, Ct);
                }
            }
            return mine;
        }, Ct)));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(80, all.Count);
    }
}
