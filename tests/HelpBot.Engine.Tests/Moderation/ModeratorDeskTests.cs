using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Tests.Dialog;
using HelpBot.Engine.Understanding;

namespace HelpBot.Engine.Tests.Moderation;

/// <summary>
/// The console's operations against the chat's: the same filing, the same outbox message, the same outcomes for a
/// second moderator; another community's items never show; bad input gives an outcome, never an exception.
/// </summary>
public sealed class ModeratorDeskTests
{
    private static readonly Topic Scammed = new("aliexpress", TopicKind.Reason, "scammed");
    private static readonly Topic NoResponse = new("aliexpress", TopicKind.Reason, "no-response");
    private static readonly Moderator Mod = new("web", "m1", Turn.DefaultCommunity, "mod");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An engine and a desk over one store, content and examples file.</summary>
    private sealed class Bot
    {
        public Bot(DialogOptions? options = null)
        {
            var dependencies = new DialogDependencies(Saved, Store)
            {
                Understanding = new GuessingUnderstanding(),
                Examples = Examples,
                SavedAnswers = Saved,
                Options = options ?? new DialogOptions(),
            };
            Engine = new DialogEngine(dependencies);
            Desk = new ModeratorDesk(dependencies);
        }

        public InMemoryConversationStore Store { get; } = new();

        public RecordingExamples Examples { get; } = new();

        public InMemorySavedAnswers Saved { get; } = new(TestContent.Load());

        public DialogEngine Engine { get; }

        public ModeratorDesk Desk { get; }

        public Task<Reply> User(string text, string user = "u1", string community = Turn.DefaultCommunity) =>
            Engine.HandleAsync(Turn.FromText("telegram", user, "chat-" + user, "ru", text) with { Community = community }, Ct).AsTask();

        public Task<Reply> Moderator(string text, string community = Turn.DefaultCommunity) =>
            Engine.HandleAsync(Turn.FromText("web", "m1", "m1", "ru", text) with { IsModerator = true, DisplayName = "mod", Community = community }, Ct).AsTask();

        public Task<Reply> ModeratorPress(string action) =>
            Engine.HandleAsync(Turn.FromAction("web", "m1", "m1", "ru", action) with { IsModerator = true, DisplayName = "mod" }, Ct).AsTask();
    }

    [Fact]
    public async Task Queue_ListsTheWaitingText_WithTheReadersGuesses_MostFrequentFirst()
    {
        var bot = new Bot();
        await bot.User("спор по заказу не закрыт");
        await bot.User("монетки сгорят", user: "u2");
        await bot.User("монетки сгорят", user: "u3");

        var page = await bot.Desk.Review.ListAsync(Mod, 0, 10, null, Ct);

        Assert.Equal(2, page.Total);
        Assert.Equal(["монетки сгорят", "спор по заказу не закрыт"], page.Items.Select(i => i.Text));
        var first = page.Items[0];
        Assert.Equal((2, "ru", "aliexpress", ReviewReason.Unmatched, (string?)null), (first.TimesSeen, first.Language, first.Guide, first.Reason, first.Proposed));
        Assert.Equal(2, first.Guesses.Count);
        Assert.All(first.Guesses, g => Assert.False(string.IsNullOrEmpty(g.Title)));
        Assert.Single((await bot.Desk.Review.ListAsync(Mod, 1, 10, null, Ct)).Items);
    }

    [Fact]
    public async Task Filing_FromTheDesk_WritesTheSameExampleAndDecisionAsReview()
    {
        var chat = new Bot();
        await chat.User("спор по заказу не закрыт");
        var shown = await chat.Moderator("/review");
        var scammedButton = shown.Messages.SelectMany(m => m.AllButtons).First(b => b.Action.EndsWith("_scammed", StringComparison.Ordinal));
        await chat.ModeratorPress(scammedButton.Action);

        var desk = new Bot();
        await desk.User("спор по заказу не закрыт");
        var item = Assert.Single((await desk.Desk.Review.ListAsync(Mod, 0, 10, null, Ct)).Items);
        var guess = item.Guesses.First(g => g.Label.EndsWith("_scammed", StringComparison.Ordinal));
        var filing = await desk.Desk.Review.FileAsync(Mod, item.Key, guess.Label, Ct);

        Assert.Equal(ReviewFilingOutcome.Filed, filing.Outcome);
        Assert.Equal(Scammed, filing.Topic);
        Assert.Equal(scammedButton.Label, guess.Title);
        Assert.Equal(guess.Title, filing.Title);
        Assert.Equal(Assert.Single(chat.Examples.Filed), Assert.Single(desk.Examples.Filed));
        var chatDecision = Assert.Single(await chat.Store.ListReviewDecisionsAsync(Turn.DefaultCommunity, DateTimeOffset.MinValue, Ct));
        var deskDecision = Assert.Single(await desk.Store.ListReviewDecisionsAsync(Turn.DefaultCommunity, DateTimeOffset.MinValue, Ct));
        Assert.Equal((chatDecision.Id, chatDecision.Key, chatDecision.Outcome, chatDecision.Label, chatDecision.By),
            (deskDecision.Id, deskDecision.Key, deskDecision.Outcome, deskDecision.Label, deskDecision.By));
        Assert.Equal(0, (await desk.Desk.Review.ListAsync(Mod, 0, 10, null, Ct)).Total);
        // The chat's queue is the desk's: /review has nothing left either.
        Assert.Contains("Разбирать нечего", EngineHarness.TextOf(await desk.Moderator("/review")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filing_OffTopicSkipAndASecondLabel_GiveTheirOutcomes()
    {
        var bot = new Bot();
        await bot.User("погода хорошая");
        await bot.User("посылка ещё едет", user: "u2");
        var items = (await bot.Desk.Review.ListAsync(Mod, 0, 10, null, Ct)).Items;

        Assert.Equal(ReviewFilingOutcome.FiledOffTopic, (await bot.Desk.Review.FileAsync(Mod, items[0].Key, ReviewDesk.OffTopic, Ct)).Outcome);
        Assert.Equal(("none", TopicNames.OffTopic), (bot.Examples.Filed[0].Label, TopicNames.OffTopic));
        var again = await bot.Desk.Review.FileAsync(Mod, items[0].Key, ReviewDesk.Skip, Ct);
        Assert.Equal((ReviewFilingOutcome.AlreadyDecided, TopicNames.OffTopic), (again.Outcome, again.Label));
        Assert.Equal(ReviewFilingOutcome.Skipped, (await bot.Desk.Review.FileAsync(Mod, items[1].Key, ReviewDesk.Skip, Ct)).Outcome);
        Assert.Single(bot.Examples.Filed);
    }

    [Theory]
    [InlineData("0123456789ABCDEF", "none")]
    [InlineData("not a key", "none")]
    [InlineData("", "none")]
    [InlineData("../../etc/passwd", "skip")]
    public async Task Filing_AnUnknownOrForgedKey_IsUnknownItem(string key, string label)
    {
        var bot = new Bot();
        await bot.User("спор по заказу не закрыт");

        Assert.Equal(ReviewFilingOutcome.UnknownItem, (await bot.Desk.Review.FileAsync(Mod, key, label, Ct)).Outcome);
        Assert.Empty(bot.Examples.Filed);
    }

    [Theory]
    [InlineData("reason_does-not-exist")]
    [InlineData("saved_nosuchanswer")]
    [InlineData("step:form-email\tmoderator\tinjected")]
    [InlineData("")]
    public async Task Filing_UnderAForgedSection_IsUnknownLabel_AndFilesNothing(string label)
    {
        var bot = new Bot();
        await bot.User("спор по заказу не закрыт");
        var item = Assert.Single((await bot.Desk.Review.ListAsync(Mod, 0, 10, null, Ct)).Items);

        Assert.Equal(ReviewFilingOutcome.UnknownLabel, (await bot.Desk.Review.FileAsync(Mod, item.Key, label, Ct)).Outcome);
        Assert.Empty(bot.Examples.Filed);
        Assert.Equal(1, (await bot.Desk.Review.ListAsync(Mod, 0, 10, null, Ct)).Total);
    }

    [Fact]
    public async Task AnotherCommunitysTextsAndQuestions_NeverAppear_AndCannotBeActedOn()
    {
        var bot = new Bot();
        await bot.User("спор по заказу не закрыт", community: "other");
        await bot.User("/ask Как удалить аккаунт?", community: "other");
        var theirs = new Moderator("web", "m2", "other");
        var key = Assert.Single((await bot.Desk.Review.ListAsync(theirs, 0, 10, null, Ct)).Items).Key;
        var questionId = bot.Store.Questions[^1].Id;

        Assert.Equal(0, (await bot.Desk.Review.ListAsync(Mod, 0, 10, null, Ct)).Total);
        Assert.Equal(ReviewFilingOutcome.UnknownItem, (await bot.Desk.Review.FileAsync(Mod, key, ReviewDesk.OffTopic, Ct)).Outcome);
        Assert.Equal(0, (await bot.Desk.Questions.ListAsync(Mod, 0, 10, 10, Ct)).Total);
        Assert.Equal(AnswerOutcome.UnknownQuestion, (await bot.Desk.Questions.AnswerAsync(Mod, questionId, "ответ", Ct)).Outcome);
        Assert.Equal(QuestionStatus.Open, bot.Store.Questions[^1].Status);
        Assert.Equal(1, (await bot.Desk.Questions.ListAsync(theirs, 0, 10, 10, Ct)).Total);
    }

    [Fact]
    public async Task OpenQuestions_CarryTheAskersRecentActivity_OldestFirst()
    {
        var bot = new Bot();
        await bot.User("/steps");
        await bot.User("спор по заказу не закрыт");
        await bot.User("/ask Как удалить аккаунт?");
        await bot.User("/ask Другой вопрос", user: "u2");

        var page = await bot.Desk.Questions.ListAsync(Mod, 0, 10, 10, Ct);

        Assert.Equal(2, page.Total);
        var first = page.Items[0];
        Assert.Equal(("Как удалить аккаунт?", "telegram", "u1", "ru"), (first.Text, first.Channel, first.UserId, first.Language));
        Assert.Contains(first.RecentActivity, a => a is { Kind: DialogEventKind.Unmatched, Text: "спор по заказу не закрыт" });
        Assert.Equal(first.RecentActivity.OrderBy(a => a.At).Select(a => a.At), first.RecentActivity.Select(a => a.At));
        Assert.Single((await bot.Desk.Questions.ListAsync(Mod, 1, 10, 0, Ct)).Items);
    }

    [Fact]
    public async Task Answer_FromTheDesk_QueuesTheSameMessageAsAnswer_AndTheSecondAnswerIsRefused()
    {
        const string answer = "Откройте «Мой профиль» → «Настройки» <b>.";
        var chat = new Bot();
        await chat.User("/ask Как удалить аккаунт?");
        await chat.Moderator($"/answer {chat.Store.Questions[^1].Id} {answer}");
        var desk = new Bot();
        await desk.User("/ask Как удалить аккаунт?");
        var id = desk.Store.Questions[^1].Id;

        var sent = await desk.Desk.Questions.AnswerAsync(Mod, id.ToLowerInvariant(), answer, Ct);

        Assert.Equal(AnswerOutcome.Sent, sent.Outcome);
        var fromChat = Assert.Single(chat.Store.Outbox, o => o.Purpose == OutboxPurpose.AnswerDelivery);
        var fromDesk = Assert.Single(desk.Store.Outbox, o => o.Purpose == OutboxPurpose.AnswerDelivery);
        Assert.Equal(Shape(fromChat).Replace(chat.Store.Questions[^1].Id, "ID", StringComparison.Ordinal), Shape(fromDesk).Replace(id, "ID", StringComparison.Ordinal));
        Assert.Equal((QuestionStatus.Answered, answer, "web:mod"), (desk.Store.Questions[^1].Status, desk.Store.Questions[^1].Answer, desk.Store.Questions[^1].ResolvedBy));

        var second = await desk.Desk.Questions.AnswerAsync(Mod with { DisplayName = "other" }, id, "позже", Ct);
        Assert.Equal((AnswerOutcome.AlreadyResolved, "web:mod"), (second.Outcome, second.ResolvedBy));
        Assert.Single(desk.Store.Outbox, o => o.Purpose == OutboxPurpose.AnswerDelivery);
        // The chat sees the desk's answer as any other moderator's.
        Assert.Contains("web:mod", EngineHarness.TextOf(await desk.Moderator($"/answer {id} ещё")), StringComparison.Ordinal);
    }

    private static string Shape(OutboxMessage message) =>
        string.Join("|", message.Channel, message.ChatId, message.RecipientUserId, message.UserKey, message.Community, message.Text,
            string.Join(",", message.Buttons.Select(b => b.Row + ":" + b.Label + "=" + b.Action)));

    [Theory]
    [InlineData("", AnswerOutcome.EmptyAnswer)]
    [InlineData("   \n\t ", AnswerOutcome.EmptyAnswer)]
    [InlineData(null, AnswerOutcome.EmptyAnswer)]
    public async Task Answer_Empty_IsRefused_AndTheQuestionStaysOpen(string? answer, AnswerOutcome expected)
    {
        var bot = new Bot();
        await bot.User("/ask Как удалить аккаунт?");

        Assert.Equal(expected, (await bot.Desk.Questions.AnswerAsync(Mod, bot.Store.Questions[^1].Id, answer!, Ct)).Outcome);
        Assert.Equal(QuestionStatus.Open, bot.Store.Questions[^1].Status);
        Assert.DoesNotContain(bot.Store.Outbox, o => o.Purpose == OutboxPurpose.AnswerDelivery);
    }

    [Fact]
    public async Task Answer_TooLongOrUnknown_IsRefused()
    {
        var bot = new Bot(new DialogOptions { MaxTextLength = 100 });
        await bot.User("/ask Как удалить аккаунт?");
        var id = bot.Store.Questions[^1].Id;

        Assert.Equal(AnswerOutcome.TooLong, (await bot.Desk.Questions.AnswerAsync(Mod, id, new string('я', 101), Ct)).Outcome);
        Assert.Equal(AnswerOutcome.UnknownQuestion, (await bot.Desk.Questions.AnswerAsync(Mod, "NOSUCH", "ответ", Ct)).Outcome);
        Assert.Equal(AnswerOutcome.UnknownQuestion, (await bot.Desk.Questions.AnswerAsync(Mod, "", "ответ", Ct)).Outcome);
        Assert.Equal(AnswerOutcome.UnknownQuestion, (await bot.Desk.Questions.AnswerAsync(Mod, new string('Q', 5000), "ответ", Ct)).Outcome);
        Assert.Equal(QuestionStatus.Open, bot.Store.Questions[^1].Status);
    }

    [Fact]
    public async Task AnswerAndSave_SavesTheBotsAnswerAsTheDraftWould()
    {
        var bot = new Bot();
        await bot.User("/ask Как сменить  пароль?\nМеня зовут Иван");
        var id = bot.Store.Questions[^1].Id;

        var result = await bot.Desk.Questions.AnswerAndSaveAsync(Mod, id, "Откройте настройки.", title: null, example: "Как сменить пароль?", Ct);

        Assert.Equal((AnswerOutcome.Sent, SavedAnswerOutcome.Changed), (result.Outcome, result.Saved?.Outcome));
        var saved = Assert.Single(bot.Saved.Current.Languages["ru"].SavedAnswers);
        Assert.Equal((id.ToLowerInvariant(), "Как сменить пароль?", "Откройте настройки.", (string?)null), (saved.Id, saved.Title, saved.Answer, saved.Community));
        Assert.Equal(["Как сменить пароль?"], saved.Examples);
    }

    [Fact]
    public async Task AnswerAndSave_WithATooLongTitle_SendsNothing()
    {
        var bot = new Bot();
        await bot.User("/ask Как сменить пароль?");
        var id = bot.Store.Questions[^1].Id;

        var result = await bot.Desk.Questions.AnswerAndSaveAsync(Mod, id, "Откройте настройки.", new string('т', SavedAnswerTitle.MaxLength + 1), null, Ct);

        Assert.Equal(AnswerOutcome.InvalidDraft, result.Outcome);
        Assert.Equal(QuestionStatus.Open, bot.Store.Questions[^1].Status);
        Assert.Empty(bot.Saved.Current.Languages["ru"].SavedAnswers);
    }

    /// <summary>Never sure, always guessing the same two reasons (no model trains).</summary>
    private sealed class GuessingUnderstanding : ITextUnderstanding
    {
        public TextReading Understand(string text, string language, Topic? near, string community = Turn.DefaultCommunity) => new(null, [Scammed, NoResponse]);
    }

    /// <summary>An examples file in memory: each text once, under the first label it was filed with.</summary>
    private sealed class RecordingExamples : ITrainingExamples
    {
        private readonly Lock _gate = new();

        public List<(string Language, string Guide, string Label, string Message)> Filed { get; } = [];

        public ValueTask<ExampleFiling> FileAsync(string language, string guide, string label, string message, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                var key = ExamplesFile.Key(message);
                if (Filed.Find(f => f.Language == language && ExamplesFile.Key(f.Message) == key) is { Label: { } filed })
                    return ValueTask.FromResult(new ExampleFiling(filed == label ? ExampleFilingOutcome.AlreadyFiled : ExampleFilingOutcome.FiledOtherwise, filed));
                Filed.Add((language, guide, label, message));
                return ValueTask.FromResult(new ExampleFiling(ExampleFilingOutcome.Added));
            }
        }
    }
}
