using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Storage.Tests;

/// <summary>
/// What every store promises the engine, run against each provider by a subclass: records survive a reopen exactly,
/// a turn commits whole or not at all, /forget removes one user, moderators' races have one winner, the outbox
/// hands out what is due and remembers what was sent.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static readonly DateTimeOffset At = new(2026, 11, 25, 12, 30, 15, TimeSpan.Zero);

    /// <summary>Opens a store over this test's data; a second call opens the same data again (as after a restart).</summary>
    protected abstract ValueTask<OpenStore> OpenAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Commit_AModeratorEditingADraft_ThenReopen_StillAwaitsTheEdit()
    {
        await using (var store = await OpenAsync())
        {
            await store.Conversations.CommitAsync(new TurnChanges
            {
                State = new UserState { Key = "discord:9", Awaiting = Awaiting.DraftExample, AwaitingQuestion = "Q7K2MX", DraftQuestion = "Q7K2MX", UpdatedAt = At },
            }, Ct);
        }

        await using var reopened = await OpenAsync();
        var state = await reopened.Conversations.FindUserAsync("discord:9", Ct);

        Assert.Equal((Awaiting.DraftExample, "Q7K2MX", "Q7K2MX", (string?)null), (state?.Awaiting, state?.AwaitingQuestion, state?.DraftQuestion, state?.DraftTitle));
    }

    [Fact]
    public async Task Commit_ThenReopen_KeepsEveryRecord()
    {
        await using (var store = await OpenAsync())
        {
            var changes = new TurnChanges
            {
                State = new UserState
                {
                    Key = "telegram:1", Language = "en", LanguageFromText = true, Guide = "aliexpress", Step = 4, Awaiting = Awaiting.Question, UpdatedAt = At,
                    ReadText = "где кнопка 🙈", ReadNumber = 3, ReadTopic = "step_deactivate-link", ReadDisputed = true,
                    DraftQuestion = "Q7K2MX", DraftTitle = "Смена пароля", DraftExample = "как сменить пароль?", SavedServed = "q2abcd", SavedServing = 4, SavedRated = true,
                },
                Feedback = new Feedback { Id = Feedback.IdFor("telegram:1", "aliexpress"), UserKey = "telegram:1", Guide = "aliexpress", Helpful = false, Comment = "😕", At = At },
                Question = new Question { Id = "QABCDE", UserKey = "telegram:1", Text = "Где кнопка?", AskedAt = At },
                DeliveryId = "telegram:update:5",
            };
            changes.Events.Add(new DialogEvent { Id = Guid.NewGuid(), UserKey = "telegram:1", Kind = DialogEventKind.StepReached, Step = 4, At = At });
            changes.Events.Add(new DialogEvent { Id = Guid.NewGuid(), UserKey = "telegram:1", Kind = DialogEventKind.Unmatched, Text = "где кнопка 🙈", Topic = "step_deactivate-link", At = At });
            await store.Conversations.CommitAsync(changes, Ct);
        }

        await using var reopened = await OpenAsync();
        var state = await reopened.Conversations.FindUserAsync("telegram:1", Ct);
        Assert.NotNull(state);
        Assert.Equal(("en", true, "aliexpress", 4, Awaiting.Question, At), (state.Language, state.LanguageFromText, state.Guide, state.Step, state.Awaiting, state.UpdatedAt));
        Assert.Equal(("где кнопка 🙈", 3, "step_deactivate-link", true), (state.ReadText, state.ReadNumber, state.ReadTopic, state.ReadDisputed));
        Assert.Equal(("Q7K2MX", "Смена пароля", "как сменить пароль?"), (state.DraftQuestion, state.DraftTitle, state.DraftExample));
        Assert.Equal(("q2abcd", 4, true), (state.SavedServed, state.SavedServing, state.SavedRated));
        var feedback = await reopened.Conversations.FindFeedbackAsync("telegram:1", "aliexpress", Ct);
        Assert.Equal("😕", feedback?.Comment);
        Assert.True(await reopened.Conversations.WasHandledAsync("telegram:update:5", Ct));
        Assert.False(await reopened.Conversations.WasHandledAsync("telegram:update:6", Ct));
        Assert.Equal("Где кнопка?", (await reopened.Moderation.FindQuestionAsync("QABCDE", Ct))?.Text);
        var unmatched = Assert.Single(await reopened.Moderation.ListEventsAsync(Turn.DefaultCommunity, At.AddDays(-1), Ct), e => e.Kind == DialogEventKind.Unmatched);
        Assert.Equal(("где кнопка 🙈", "step_deactivate-link"), (unmatched.Text, unmatched.Topic));
        var report = await reopened.Health.VerifyAsync(Ct);
        Assert.Equal((1, 1, 2), (report.Counts["users"], report.Counts["questions"], report.Counts["events"]));
        Assert.True(await reopened.Health.IsReachableAsync(Ct));
    }

    [Fact]
    public async Task ModeratorChangingASavedAnswer_ThenReopen_KeepsWhatTheBotAwaits()
    {
        await using (var store = await OpenAsync())
        {
            await store.Conversations.CommitAsync(new TurnChanges
            {
                State = new UserState
                {
                    Key = "telegram:9", Awaiting = Awaiting.SavedAnswerTranslationText, AwaitingSavedAnswer = "change-password",
                    AwaitingLanguage = "en", AwaitingTitle = "How to change the password", UpdatedAt = At,
                },
            }, Ct);
            // A state stored before saved answers existed has none of these: it reads as awaiting nothing about them.
            await store.Conversations.CommitAsync(new TurnChanges { State = new UserState { Key = "telegram:10", Awaiting = Awaiting.Answer, AwaitingQuestion = "QABCDE" } }, Ct);
        }

        await using var reopened = await OpenAsync();
        var state = await reopened.Conversations.FindUserAsync("telegram:9", Ct);
        Assert.Equal((Awaiting.SavedAnswerTranslationText, "change-password", "en", "How to change the password"),
            (state?.Awaiting, state?.AwaitingSavedAnswer, state?.AwaitingLanguage, state?.AwaitingTitle));
        var older = await reopened.Conversations.FindUserAsync("telegram:10", Ct);
        Assert.Equal((Awaiting.Answer, "QABCDE", null, null), (older?.Awaiting, older?.AwaitingQuestion, older?.AwaitingSavedAnswer, older?.AwaitingLanguage));
    }

    [Fact]
    public async Task ReviewDecision_ThenReopen_IsKeptAndVerified()
    {
        await using (var store = await OpenAsync())
        {
            await store.Reviews.SaveReviewDecisionAsync(new ReviewDecision
            {
                Id = ReviewDecision.IdFor("c", "k1"), Community = "c", Key = "k1", Outcome = ReviewOutcome.Labelled, Label = "none", By = "telegram:moderator", At = At,
            }, Ct);
        }

        await using var reopened = await OpenAsync();

        var decision = Assert.Single(await reopened.Reviews.ListReviewDecisionsAsync("c", At, Ct));
        Assert.Equal(("k1", "none", At), (decision.Key, decision.Label, decision.At));
        Assert.Equal(1, (await reopened.Health.VerifyAsync(Ct)).Counts["reviews"]);
    }

    [Fact]
    public async Task Commit_PartFails_LeavesNothingOfTheTurn()
    {
        await using var store = await OpenAsync();
        await store.Conversations.CommitAsync(new TurnChanges { Question = new Question { Id = "QSAME1", UserKey = "u" } }, Ct);

        // The state is written before the question, whose duplicate id then fails the transaction.
        var failing = new TurnChanges { State = new UserState { Key = "u", Step = 3 }, Question = new Question { Id = "QSAME1", UserKey = "u" } };
        await Assert.ThrowsAnyAsync<Exception>(() => store.Conversations.CommitAsync(failing, Ct).AsTask());

        Assert.Null(await store.Conversations.FindUserAsync("u", Ct));
    }

    [Fact]
    public async Task Forget_RemovesOnlyThatUser()
    {
        await using var store = await OpenAsync();
        foreach (var user in new[] { "a", "b" })
        {
            var changes = new TurnChanges
            {
                State = new UserState { Key = user },
                Feedback = new Feedback { Id = Feedback.IdFor(user, "g"), UserKey = user, Guide = "g" },
                Question = new Question { Id = "Q" + user.ToUpperInvariant() + "2345", UserKey = user },
            };
            changes.Events.Add(new DialogEvent { Id = Guid.NewGuid(), UserKey = user });
            await store.Conversations.CommitAsync(changes, Ct);
        }

        var removed = await store.Conversations.ForgetUserAsync("a", Ct);

        Assert.Equal(4, removed);
        Assert.Null(await store.Conversations.FindUserAsync("a", Ct));
        Assert.NotNull(await store.Conversations.FindUserAsync("b", Ct));
        Assert.NotNull(await store.Conversations.FindFeedbackAsync("b", "g", Ct));
    }

    [Fact]
    public async Task Engine_RestartMidWalkthrough_ResumesWhereTheUserWas()
    {
        var content = new FixedContentProvider(ContentLoader.Load(HelpBot.Tests.RepositoryPaths.Content));
        await using (var store = await OpenAsync())
        {
            var engine = new DialogEngine(content, store.Conversations);
            await engine.HandleAsync(Turn.FromText("t", "1", "1", "ru", "/steps"), Ct);
            await engine.HandleAsync(Turn.FromAction("t", "1", "1", "ru", "step:aliexpress:6"), Ct);
        }

        await using var reopened = await OpenAsync();
        var reply = await new DialogEngine(content, reopened.Conversations).HandleAsync(Turn.FromText("t", "1", "1", "ru", "/steps"), Ct);

        Assert.Contains("шаг 6/9", Markup.ToPlainText(reply.Messages[0].Text), StringComparison.Ordinal);
        Assert.Contains("Продолжаем", reply.Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveQuestion_TwoModeratorsAtOnce_OneWinsAndOnlyItsAnswerIsQueued()
    {
        await using var store = await OpenAsync();
        await store.Conversations.CommitAsync(new TurnChanges { Question = new Question { Id = "QRACE1", UserKey = "telegram:7", Community = "c", AskedAt = At } }, Ct);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            var answered = new Question { Id = "QRACE1", UserKey = "telegram:7", Community = "c", AskedAt = At, Status = QuestionStatus.Answered, Answer = "ответ " + i };
            return await store.Moderation.TryResolveQuestionAsync(answered, Outbox("answer-" + i, "c", chat: "7"), Ct);
        }, Ct)));

        Assert.Single(answers, won => won);
        var queued = Assert.Single(await store.Moderation.PendingOutboxAsync("c", Ct));
        Assert.Equal("ответ " + queued.Id[^1], (await store.Moderation.FindQuestionAsync("QRACE1", Ct))?.Answer);
        Assert.True(await store.Moderation.RateAnswerAsync("QRACE1", "telegram:7", helpful: true, Ct));
        Assert.False(await store.Moderation.RateAnswerAsync("QRACE1", "telegram:8", helpful: false, Ct));
        Assert.True((await store.Moderation.FindQuestionAsync("QRACE1", Ct))?.AnswerHelpful);
    }

    [Fact]
    public async Task CountOpenQuestions_CountsOnlyThoseNotYetResolved_InEveryCommunity()
    {
        await using var store = await OpenAsync();
        foreach (var (id, community) in new[] { ("QOPEN1", "a"), ("QOPEN2", "b"), ("QDONE1", "a") })
            await store.Conversations.CommitAsync(new TurnChanges { Question = new Question { Id = id, UserKey = "telegram:" + id, Community = community, AskedAt = At } }, Ct);
        var resolved = new Question { Id = "QDONE1", UserKey = "telegram:QDONE1", Community = "a", AskedAt = At, Status = QuestionStatus.Answered, Answer = "ответ" };

        Assert.True(await store.Moderation.TryResolveQuestionAsync(resolved, delivery: null, Ct));

        Assert.Equal(2, await store.Moderation.CountOpenQuestionsAsync(Ct));
    }

    protected static OutboxMessage Outbox(string id, string community, string chat, DateTimeOffset? createdAt = null, DateTimeOffset? nextAttempt = null) => new()
    {
        Id = id,
        Channel = "telegram",
        ChatId = chat,
        UserKey = "telegram:7",
        Community = community,
        Purpose = OutboxPurpose.QuestionPosted,
        QuestionId = "Q1",
        Text = "текст " + id,
        Buttons = [new OutboxButton { Row = 0, Label = "Ответить", Action = "answer:Q1" }],
        CreatedAt = createdAt ?? At,
        NextAttemptAt = nextAttempt ?? createdAt ?? At,
    };
}

/// <summary>A store under test, by the interfaces the bot uses, and what closes it.</summary>
public sealed class OpenStore(IConversationStore conversations, IModerationStore moderation, IStorageHealth health, IReviewStore reviews, Func<ValueTask> close) : IAsyncDisposable
{
    public IConversationStore Conversations { get; } = conversations;

    public IModerationStore Moderation { get; } = moderation;

    public IStorageHealth Health { get; } = health;

    public IReviewStore Reviews { get; } = reviews;

    public static OpenStore Of<T>(T store, Func<ValueTask> close)
        where T : IConversationStore, IModerationStore, IStorageHealth, IReviewStore => new(store, store, store, store, close);

    public ValueTask DisposeAsync() => close();
}
