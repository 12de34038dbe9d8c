using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Tests.Dialog;

/// <summary>Replies a channel asks to be queued: stored in the outbox with the turn's commit, in order, routed as asked.</summary>
public sealed class QueuedReplyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueuedTurn_StoresItsMessagesWithTheTurn_AndReturnsOnlyWhatTheChannelSendsItself()
    {
        var harness = new EngineHarness();
        var store = (InMemoryConversationStore)harness.Store;
        var turn = Turn.FromText(EngineHarness.Channel, "u1", "c1", "ru", "/start") with
        {
            DeliveryId = "test:1",
            ReplyRoute = new ReplyRoute { ThreadId = "7", QuoteMessageId = "70" },
        };

        var reply = await harness.Engine.HandleAsync(turn, Ct);

        Assert.Empty(reply.Messages);
        var queued = Assert.Single(store.Outbox);
        Assert.Equal(reply.Queued, store.Outbox.Count);
        Assert.Equal((OutboxPurpose.Reply, "c1", "test:u1", "7", "70", (string?)null), (queued.Purpose, queued.ChatId, queued.UserKey, queued.ThreadId, queued.QuoteMessageId, queued.EditMessageId));
        Assert.NotEmpty(queued.Buttons);
        Assert.True(await store.WasHandledAsync("test:1", Ct));

        var again = await harness.Engine.HandleAsync(turn, Ct);
        Assert.Equal((0, 0, 1), (again.Messages.Count, again.Queued, store.Outbox.Count));
    }

    [Fact]
    public async Task WalkthroughPress_QueuedScreenEditsThePressedMessage_AndDirectMessagesStayWithTheChannel()
    {
        var harness = new EngineHarness();
        var store = (InMemoryConversationStore)harness.Store;
        var steps = await harness.Say("/steps");
        var next = EngineHarness.ButtonOf(steps, "Далее").Action;

        var reply = await harness.Engine.HandleAsync(Turn.FromAction(EngineHarness.Channel, "u1", "u1", "ru", next) with
        {
            ReplyRoute = new ReplyRoute { PressedMessageId = "41" },
        }, Ct);

        Assert.Equal(1, reply.Queued);
        Assert.Equal("41", Assert.Single(store.Outbox).EditMessageId);

        var direct = await harness.Engine.HandleAsync(Turn.FromText(EngineHarness.Channel, "u1", "u1", "ru", "/start") with
        {
            ReplyRoute = new ReplyRoute { SentDirectly = 1, ReplyHandle = "token" },
        }, Ct);
        Assert.Equal((1, 0), (direct.Messages.Count, direct.Queued));
        Assert.Single(store.Outbox);
    }

    [Fact]
    public async Task ModeratorReply_ToAPostWhoseIdIsNotStoredYet_AnswersTheQuestionItsButtonNames()
    {
        var store = new InMemoryConversationStore();
        var moderation = new ModerationOptions { Chats = [new ModeratorChat { Channel = "test", ChatId = "mods", Language = "ru" }] };
        var engine = new DialogEngine(new DialogDependencies(new FixedContentProvider(TestContent.Load()), store) { Moderation = store, ModerationOptions = moderation });
        await engine.HandleAsync(Turn.FromText("test", "u1", "u1", "ru", "/ask как удалить?"), Ct);
        var post = Assert.Single(store.Outbox, o => o.Purpose == OutboxPurpose.QuestionPosted);
        Assert.Null(post.ChannelMessageId); // not sent yet, or sent and not yet recorded

        var reply = await engine.HandleAsync(Turn.FromText("test", "m1", "mods", "ru", "Через форму поддержки.") with
        {
            IsModerator = true,
            ReplyToMessageId = "555",
            ReplyToActions = post.Buttons.Select(b => b.Action).ToArray(),
        }, Ct);

        Assert.Contains("отправлен", reply.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(QuestionStatus.Answered, (await store.FindQuestionAsync(post.QuestionId, Ct))!.Status);
    }
}
