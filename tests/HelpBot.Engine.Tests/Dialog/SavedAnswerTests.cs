using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;

namespace HelpBot.Engine.Tests.Dialog;

/// <summary>
/// A moderator's answer saved as the bot's own, and the bot giving it: the draft (defaults, edits by the next text,
/// save, cancel, an old draft's buttons), what is written (no user id; the question's language and community), and
/// serving it (the moderators' header, 👍/👎 once per serving, offered by its title, deleted, another community's).
/// The saved answers live in memory here (<see cref="InMemorySavedAnswers"/>), checked by the content's own reader.
/// </summary>
public sealed class SavedAnswerTests
{
    private const string Question = "Как сменить пароль? Меня зовут Иван Петров, заказ 8123";
    private const string Answer = "Откройте «Мой профиль» → «Настройки» → «Изменить пароль».";

    private readonly InMemorySavedAnswers _saved = new(TestContent.Load());
    private readonly InMemoryConversationStore _store = new();
    private readonly ScriptedUnderstanding _reader = new();
    private readonly DialogEngine _engine;

    public SavedAnswerTests()
    {
        _engine = new DialogEngine(new DialogDependencies(_saved, _store)
        {
            Understanding = _reader,
            SavedAnswers = _saved,
            Examples = new AcceptingExamples(),
        });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Reply> User(string text, string user = "u1", string community = Turn.DefaultCommunity, string locale = "ru") =>
        _engine.HandleAsync(Turn.FromText("telegram", user, user, locale, text) with { Community = community }, Ct).AsTask();

    private Task<Reply> UserPress(string action, string user = "u1", string community = Turn.DefaultCommunity) =>
        _engine.HandleAsync(Turn.FromAction("telegram", user, user, "ru", action) with { Community = community }, Ct).AsTask();

    private Task<Reply> Moderator(string text, string id = "m1", string community = Turn.DefaultCommunity) =>
        _engine.HandleAsync(Turn.FromText("telegram", id, id, "ru", text) with { IsModerator = true, DisplayName = "mod", Community = community }, Ct).AsTask();

    private Task<Reply> ModeratorPress(string action, string id = "m1", string community = Turn.DefaultCommunity) =>
        _engine.HandleAsync(Turn.FromAction("telegram", id, id, "ru", action) with { IsModerator = true, DisplayName = "mod", Community = community }, Ct).AsTask();

    private static string Text(Reply reply) => EngineHarness.TextOf(reply);

    private static string Press(Reply reply, string label) => EngineHarness.ButtonOf(reply, label).Action;

    /// <summary>A user asks, a moderator answers with /answer: the confirmation, and the question's id.</summary>
    private async Task<(Reply Confirmation, string QuestionId)> AnsweredAsync(string community = Turn.DefaultCommunity, string question = Question, string locale = "ru")
    {
        await User("/ask " + question, community: community, locale: locale);
        var id = _store.Questions[^1].Id;
        return (await Moderator($"/answer {id} {Answer}", community: community), id);
    }

    [Fact]
    public async Task Answer_OffersSaving_TheDraftHasTheDefaults_SaveWritesItWithoutTheUser()
    {
        var (confirmation, questionId) = await AnsweredAsync();

        Assert.Contains("отправлен пользователю", Text(confirmation), StringComparison.Ordinal);
        var draft = await ModeratorPress(Press(confirmation, "Сохранить как ответ бота"));
        Assert.Contains("черновик** (Русский)".Replace("**", "", StringComparison.Ordinal), Text(draft), StringComparison.Ordinal);
        Assert.Contains("Заголовок (на кнопках): Как сменить пароль? Меня зовут Иван Петров, заказ 8123", Text(draft), StringComparison.Ordinal);
        Assert.Contains(Answer, Text(draft), StringComparison.Ordinal);
        Assert.Equal(["✅ Сохранить", "Изменить заголовок", "Изменить вопрос", "Отмена"], draft.Messages[0].AllButtons.Select(b => b.Label));

        var saved = await ModeratorPress(Press(draft, "Сохранить"));

        Assert.Contains("Сохранено как ответ бота", Text(saved), StringComparison.Ordinal);
        Assert.Contains("бот уже учится", Text(saved), StringComparison.Ordinal);
        var written = Assert.Single(_saved.Current.Languages["ru"].SavedAnswers);
        Assert.Equal((questionId.ToLowerInvariant(), "Как сменить пароль? Меня зовут Иван Петров, заказ 8123", Answer, (string?)null),
            (written.Id, written.Title, written.Answer, written.Community));
        Assert.Equal([Question], written.Examples);
        Assert.Empty(_saved.Current.Languages["en"].SavedAnswers);
        Assert.DoesNotContain("telegram:u1", SavedAnswersFile.Format([written]), StringComparison.Ordinal);
        Assert.Null((await _store.FindUserAsync("telegram:m1", Ct))!.DraftQuestion);
    }

    [Fact]
    public async Task EditQuestionThenTitle_TheNextTextsReplaceThem_AndTheDraftSurvivesOtherTurns()
    {
        var (confirmation, _) = await AnsweredAsync();
        var draft = await ModeratorPress(Press(confirmation, "Сохранить как ответ бота"));

        var prompt = await ModeratorPress(Press(draft, "Изменить вопрос"));
        Assert.Contains("без имён", Text(prompt), StringComparison.Ordinal);
        Assert.Equal("draftedit", prompt.OffersForm?.FormId);
        var edited = await Moderator("как  сменить\nпароль в аккаунте?");
        // The default title follows the edited question: the name is gone from both.
        Assert.Contains("Заголовок (на кнопках): как сменить пароль в аккаунте?", Text(edited), StringComparison.Ordinal);
        Assert.DoesNotContain("Петров", Text(edited), StringComparison.Ordinal);

        await Moderator("/questions");
        await ModeratorPress(Press(edited, "Изменить заголовок"));
        var titled = await Moderator("Смена пароля");
        Assert.Contains("Заголовок (на кнопках): Смена пароля", Text(titled), StringComparison.Ordinal);

        await ModeratorPress(Press(draft, "Сохранить"));

        var written = Assert.Single(_saved.Current.Languages["ru"].SavedAnswers);
        Assert.Equal(("Смена пароля", "как сменить пароль в аккаунте?"), (written.Title, Assert.Single(written.Examples)));
    }

    [Fact]
    public async Task EditInAForm_AsOnDiscord_ReplacesTheTitle()
    {
        var (confirmation, _) = await AnsweredAsync();
        var draft = await ModeratorPress(Press(confirmation, "Сохранить как ответ бота"));
        await ModeratorPress(Press(draft, "Изменить заголовок"));

        var edited = await _engine.HandleAsync(
            new Turn { Channel = "telegram", UserId = "m1", ChatId = "m1", Locale = "ru", IsModerator = true, Form = "draftedit", Text = "Смена пароля" }, Ct);

        Assert.Contains("Заголовок (на кнопках): Смена пароля", Text(edited), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditTitle_TooLongOrTaken_IsRefusedAndAskedAgain()
    {
        var (first, _) = await AnsweredAsync(question: "Как отследить посылку?");
        await ModeratorPress(Press(await ModeratorPress(Press(first, "Сохранить как ответ бота")), "Сохранить"));
        var (confirmation, _) = await AnsweredAsync();
        var draft = await ModeratorPress(Press(confirmation, "Сохранить как ответ бота"));
        await ModeratorPress(Press(draft, "Изменить заголовок"));

        var tooLong = await Moderator(new string('а', 65));
        var taken = await Moderator("как отследить посылку?");
        var fine = await Moderator("Смена пароля");

        Assert.Contains("Здесь 65 символов, а помещается не больше 64", Text(tooLong), StringComparison.Ordinal);
        Assert.Contains("уже есть у другого сохранённого ответа", Text(taken), StringComparison.Ordinal);
        Assert.Contains("Заголовок (на кнопках): Смена пароля", Text(fine), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OldDraftButtons_AfterSaving_SayItIsSaved_AndNothingIsWrittenTwice()
    {
        var (confirmation, questionId) = await AnsweredAsync();
        var draft = await ModeratorPress(Press(confirmation, "Сохранить как ответ бота"));
        await ModeratorPress(Press(draft, "Сохранить"));

        var replies = new[]
        {
            await ModeratorPress(Press(draft, "Сохранить")),
            await ModeratorPress(Press(draft, "Изменить заголовок")),
            await ModeratorPress(Press(confirmation, "Сохранить как ответ бота")),
            await ModeratorPress(Press(confirmation, "Сохранить как ответ бота"), id: "m2"),
        };

        Assert.All(replies, r => Assert.Contains($"Ответ на вопрос {questionId} уже сохранён как ответ бота", Text(r), StringComparison.Ordinal));
        Assert.Equal(1, _saved.Writes);
        Assert.Single(_saved.Current.Languages["ru"].SavedAnswers);
    }

    [Fact]
    public async Task TwoModeratorsSavingAtOnce_WriteOnce()
    {
        var (confirmation, _) = await AnsweredAsync();
        var first = await ModeratorPress(Press(confirmation, "Сохранить как ответ бота"), id: "m1");
        var second = await ModeratorPress(Press(confirmation, "Сохранить как ответ бота"), id: "m2");

        var replies = await Task.WhenAll(ModeratorPress(Press(first, "Сохранить"), id: "m1"), ModeratorPress(Press(second, "Сохранить"), id: "m2"));

        Assert.Single(replies, r => Text(r).Contains("Сохранено как ответ бота", StringComparison.Ordinal));
        Assert.Single(replies, r => Text(r).Contains("уже сохранён", StringComparison.Ordinal));
        Assert.Equal(1, _saved.Writes);
    }

    [Fact]
    public async Task Cancel_ClosesTheDraft_ItsSaveButtonThenSaysSo()
    {
        var (confirmation, _) = await AnsweredAsync();
        var draft = await ModeratorPress(Press(confirmation, "Сохранить как ответ бота"));

        var cancelled = await ModeratorPress(Press(draft, "Отмена"));
        var late = await ModeratorPress(Press(draft, "Сохранить"));

        Assert.Contains("Не сохранено", Text(cancelled), StringComparison.Ordinal);
        Assert.Contains("черновик уже закрыт", Text(late), StringComparison.Ordinal);
        Assert.Equal(0, _saved.Writes);
    }

    [Fact]
    public async Task Refused_SaysWhy_AndKeepsTheDraft()
    {
        var (confirmation, _) = await AnsweredAsync();
        var draft = await ModeratorPress(Press(confirmation, "Сохранить как ответ бота"));
        _saved.RefuseWith = "the disk is full";

        var refused = await ModeratorPress(Press(draft, "Сохранить"));
        _saved.RefuseWith = null;
        var saved = await ModeratorPress(Press(refused, "Сохранить"));

        Assert.Contains("Ответ не сохранён: the disk is full", Text(refused), StringComparison.Ordinal);
        Assert.Contains("Сохранено как ответ бота", Text(saved), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ForAnotherCommunitysQuestion_IsForThatCommunity_AndAnEnglishQuestionInEnglish()
    {
        var (shop, _) = await AnsweredAsync(community: "shop");
        await ModeratorPress(Press(await ModeratorPress(Press(shop, "Сохранить как ответ бота"), community: "shop"), "Сохранить"), community: "shop");
        var (english, _) = await AnsweredAsync(question: "How do I change my password?", locale: "en");
        var draft = await ModeratorPress(Press(english, "Сохранить как ответ бота"));
        await ModeratorPress(Press(draft, "Сохранить"));

        Assert.Contains("(English)", Text(draft), StringComparison.Ordinal);
        Assert.Equal("shop", Assert.Single(_saved.Current.Languages["ru"].SavedAnswers).Community);
        Assert.Equal("How do I change my password?", Assert.Single(_saved.Current.Languages["en"].SavedAnswers).Title);
    }

    [Fact]
    public async Task NotAModerator_CannotOpenADraft()
    {
        var (confirmation, _) = await AnsweredAsync();

        var reply = await UserPress(Press(confirmation, "Сохранить как ответ бота"));

        Assert.Contains("только для модераторов", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsASavedAnswer_ItIsGivenAsTheModeratorsAnswer_RatedOncePerServing()
    {
        var id = await SaveOneAsync();
        _reader.Next = new TextReading(new TextMatch(Topic.Saved(id), 0.9), []);

        var served = await User("подскажите, как поменять пароль", user: "u2");

        Assert.Contains("Ответ модераторов:", Text(served), StringComparison.Ordinal);
        Assert.Contains(Answer, Text(served), StringComparison.Ordinal);
        Assert.Equal(["👍 Помогло", "👎 Не помогло", "☰ Меню", "Это не ответ на мой вопрос"], served.Messages[0].AllButtons.Select(b => b.Label));
        var yes = Press(served, "Помогло");
        var first = await UserPress(yes, user: "u2");
        var again = await UserPress(yes, user: "u2");
        var no = await UserPress(Press(served, "Не помогло"), user: "u2");

        Assert.Contains("Спасибо за оценку", Text(first), StringComparison.Ordinal);
        Assert.Contains("уже оценили", Text(again), StringComparison.Ordinal);
        Assert.Contains("уже оценили", Text(no), StringComparison.Ordinal);
        Assert.Equal([(DialogEventKind.SavedAnswerServed, id), (DialogEventKind.SavedAnswerHelpful, id)],
            _store.Events.Where(e => e.UserKey == "telegram:u2" && e.Kind >= DialogEventKind.SavedAnswerServed).Select(e => (e.Kind, e.Topic)));

        // The next serving can be rated again; the older one's buttons are stale.
        var next = await User("пароль поменять как", user: "u2");
        await UserPress(Press(next, "Не помогло"), user: "u2");
        var stale = await UserPress(yes, user: "u2");
        Assert.Contains("устарела", Text(stale), StringComparison.Ordinal);
        Assert.Single(_store.Events, e => e.Kind == DialogEventKind.SavedAnswerNotHelpful);
    }

    [Fact]
    public async Task NotWhatIAsked_UnderASavedAnswer_OffersOthersAndTheModerators_NotTheSameAnswer()
    {
        var id = await SaveOneAsync();
        var other = new Topic("aliexpress", TopicKind.Consequence, "email-reuse");
        _reader.Next = new TextReading(new TextMatch(Topic.Saved(id), 0.5), [other]);

        var served = await User("а пароль?", user: "u2");
        var misread = await UserPress(Press(served, "Это не ответ"), user: "u2");

        Assert.Equal(["Можно ли снова зарегистрироваться на ту же почту", "Отправить вопрос модераторам", "☰ Меню"], misread.Messages[0].AllButtons.Select(b => b.Label));
        Assert.Contains(_store.Events, e => e.Kind == DialogEventKind.Unsure && e.Topic == "saved_" + id);
    }

    [Fact]
    public async Task NotSure_OffersTheSavedAnswerByItsTitle_PressingItGivesIt_ADeletedOneSaysSo()
    {
        var id = await SaveOneAsync();
        _reader.Next = new TextReading(null, [Topic.Saved(id), new Topic("aliexpress", TopicKind.Consequences)]);

        var unsure = await User("пароль", user: "u2");
        var offer = EngineHarness.ButtonOf(unsure, "Как сменить пароль");
        Assert.Equal("saved:" + id, offer.Action);

        var given = await UserPress(offer.Action, user: "u2");
        Assert.Contains(Answer, Text(given), StringComparison.Ordinal);
        Assert.Contains(_store.Events, e => e is { Kind: DialogEventKind.Chosen, Text: "пароль" } && e.Topic == "saved_" + id);

        await _saved.ChangeAsync("ru", id, _ => null, Ct);
        var gone = await UserPress(offer.Action, user: "u2");
        Assert.Contains("Этого ответа больше нет", Text(gone), StringComparison.Ordinal);
        Assert.Contains("устарела", Text(await UserPress("saved:Not-An-Id", user: "u2")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCommunitysSavedAnswer_IsNeitherGivenNorOffered()
    {
        var (shop, _) = await AnsweredAsync(community: "shop");
        await ModeratorPress(Press(await ModeratorPress(Press(shop, "Сохранить как ответ бота"), community: "shop"), "Сохранить"), community: "shop");
        var id = Assert.Single(_saved.Current.Languages["ru"].SavedAnswers).Id;
        _reader.Next = new TextReading(new TextMatch(Topic.Saved(id), 0.9), [Topic.Saved(id)]);

        var reply = await User("как сменить пароль", user: "u2");
        var pressed = await UserPress("saved:" + id, user: "u2");

        Assert.DoesNotContain(Answer, Text(reply), StringComparison.Ordinal);
        Assert.Contains("Этого ответа больше нет", Text(pressed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_FilesATextUnderASavedAnswer_AsOneMoreOfItsExamples()
    {
        var id = await SaveOneAsync();
        _reader.Next = TextReading.NotUnderstood;
        await User("забыл пароль, что делать", user: "u2");

        var shown = await Moderator("/review");
        var groups = await ModeratorPress(Press(shown, "Другой раздел"));
        var answers = await ModeratorPress(Press(groups, "Сохранённые ответы"));
        var filed = await ModeratorPress(Press(answers, "Как сменить пароль"));

        Assert.Contains("Записано в раздел «Как сменить пароль?", Text(filed), StringComparison.Ordinal);
        Assert.Equal([Question, "забыл пароль, что делать"], Assert.Single(_saved.Current.Languages["ru"].SavedAnswers).Examples);
        var decision = Assert.Single(await _store.ListReviewDecisionsAsync(Turn.DefaultCommunity, DateTimeOffset.MinValue, Ct));
        Assert.Equal((ReviewOutcome.Labelled, "answer:" + id), (decision.Outcome, decision.Label));
    }

    [Fact]
    public async Task Review_TheReadersGuessMayBeASavedAnswer()
    {
        var id = await SaveOneAsync();
        _reader.Next = new TextReading(null, [Topic.Saved(id)]);
        await User("пароль забыл", user: "u2");
        await UserPress(Press(await User("пароль забыл", user: "u2"), "Отправить вопрос"), user: "u2");

        var shown = await Moderator("/review");
        var filed = await ModeratorPress(Press(shown, "Как сменить пароль"));
        var again = await ModeratorPress(Press(shown, "Как сменить пароль"));

        Assert.Contains("Записано", Text(filed), StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(_saved.Current.Languages["ru"].SavedAnswers).Examples.Count);
        Assert.Contains("уже есть среди примеров", Text(again), StringComparison.Ordinal);
    }

    /// <summary>Saves the answer to <see cref="Question"/> as it is; returns its id.</summary>
    private async Task<string> SaveOneAsync()
    {
        var (confirmation, questionId) = await AnsweredAsync();
        await ModeratorPress(Press(await ModeratorPress(Press(confirmation, "Сохранить как ответ бота")), "Сохранить"));
        return questionId.ToLowerInvariant();
    }

    /// <summary>Reads every text as <see cref="Next"/> says.</summary>
    private sealed class ScriptedUnderstanding : ITextUnderstanding
    {
        public TextReading Next { get; set; } = TextReading.NotUnderstood;

        public TextReading Understand(string text, string language, Topic? near, string community = Turn.DefaultCommunity) => Next;
    }

    private sealed class AcceptingExamples : ITrainingExamples
    {
        public ValueTask<ExampleFiling> FileAsync(string language, string guide, string label, string message, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ExampleFiling(ExampleFilingOutcome.Added));
    }
}

/// <summary>
/// Saved answers kept in memory, as the file writer keeps them in <c>answers.yaml</c>: a change is applied under a lock
/// to the answer as it is, checked by formatting and reading the language's file as the loader would, and the content
/// replaced (<see cref="IContentProvider.Changed"/>).
/// </summary>
public sealed class InMemorySavedAnswers(ContentCatalog catalog) : IContentProvider, ISavedAnswers
{
    private readonly Lock _gate = new();

    public ContentCatalog Current { get; private set; } = catalog;

    public event Action<ContentCatalog>? Changed;

    /// <summary>Changes written.</summary>
    public int Writes { get; private set; }

    /// <summary>Set: every change is refused with this reason.</summary>
    public string? RefuseWith { get; set; }

    public ValueTask<SavedAnswerChange> ChangeAsync(string language, string id, Func<SavedAnswer?, SavedAnswer?> change, CancellationToken cancellationToken)
    {
        ContentCatalog changed;
        SavedAnswer? after;
        lock (_gate)
        {
            var pack = Current.Languages[language];
            var before = pack.SavedAnswers.FirstOrDefault(a => a.Id == id);
            after = change(before);
            if (after == before)
                return ValueTask.FromResult(new SavedAnswerChange(SavedAnswerOutcome.Unchanged, before));
            if (RefuseWith is { } reason)
                return ValueTask.FromResult(new SavedAnswerChange(SavedAnswerOutcome.Refused, before, reason));
            var answers = pack.SavedAnswers.Where(a => a.Id != id).Concat(after is null ? [] : [after]).ToList();
            var errors = new List<ContentError>();
            var read = ContentLoader.LoadSavedAnswers(language + "/" + SavedAnswersFile.Name, SavedAnswersFile.Format(answers), errors);
            if (errors.Count > 0)
                return ValueTask.FromResult(new SavedAnswerChange(SavedAnswerOutcome.Refused, before, errors[0].Message));
            var languages = Current.Languages.ToDictionary(l => l.Key, l => l.Value);
            languages[language] = pack with { SavedAnswers = read };
            changed = Current with { Languages = languages };
            Current = changed;
            Writes++;
        }
        Changed?.Invoke(changed);
        return ValueTask.FromResult(new SavedAnswerChange(SavedAnswerOutcome.Changed, after));
    }
}
