using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;

namespace HelpBot.Engine.Tests.Dialog;

public sealed class DialogEngineTests
{
    public static TheoryData<string> ForgedActions() =>
    [
        "",
        "nonsense",
        "step",
        "step:aliexpress",
        "step:aliexpress:0",
        "step:aliexpress:10",
        "step:aliexpress:-1",
        "step:aliexpress:1:2",
        "step:unknown-guide:1",
        "step:aliexpress:٣",
        "fb:aliexpress:maybe",
        "lang:xx",
        "menu:extra",
        "cons:../../etc",
        "step:aliexpress:1; DROP",
        "drop table",
        "step::1",
        new string('a', 65),
        "💥",
        "step:aliexpress:\u00001",
        "topic",
        "topic:aliexpress",
        "topic:aliexpress:reason_nonexistent",
        "topic:aliexpress:Overview",
        "topic:unknown-guide:overview",
        "topic:aliexpress:step_1",
        "misread",
        "misread:aliexpress",
        "misread:aliexpress:0",
        "misread:aliexpress:1",
        "misread:aliexpress:-1",
        "misread:unknown-guide:1",
        "sendread:aliexpress:1",
        "sendread:aliexpress:abc",
    ];

    [Theory]
    [MemberData(nameof(ForgedActions))]
    public async Task HandleAsync_ForgedAction_AnswersStaleWithMenuAndKeepsState(string action)
    {
        var bot = new EngineHarness();
        await bot.Say("/steps");
        await bot.Press(EngineHarness.ButtonOf(await bot.Say("/steps"), "Далее").Action);
        var before = await bot.Store.FindUserAsync("test:u1", TestContext.Current.CancellationToken);

        var reply = await bot.Press(action);

        Assert.Contains("устарела или недействительна", EngineHarness.TextOf(reply), StringComparison.Ordinal);
        Assert.Contains(reply.Messages[0].AllButtons, b => b.Label == "Пошаговая инструкция");
        var after = await bot.Store.FindUserAsync("test:u1", TestContext.Current.CancellationToken);
        Assert.Equal(before!.Step, after!.Step);
        Assert.Equal(2, after.Step);
    }

    [Fact]
    public async Task HandleAsync_ButtonFromAnOldMessage_ActsOnWhatItShowed()
    {
        var bot = new EngineHarness();
        var first = await bot.Say("/steps");
        var oldNext = EngineHarness.ButtonOf(first, "Далее");
        await bot.Press(oldNext.Action);
        await bot.Press(EngineHarness.ButtonOf(await bot.Say("/steps"), "Далее").Action);

        // The user scrolls up and presses "Next" on the first step's message again.
        var reply = await bot.Press(oldNext.Action);

        Assert.Contains("шаг 2/9", EngineHarness.TextOf(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screens_EveryButtonAction_FitsTelegramAndDiscordAndParses()
    {
        var bot = new EngineHarness();
        var seen = new HashSet<string>();
        var queue = new Queue<Reply>();
        foreach (var command in new[] { "/start", "/help", "/steps", "/reasons", "/consequences", "/feedback", "/language", "/ask" })
            queue.Enqueue(await bot.Say(command, locale: "en"));

        // Walk every reachable screen through its buttons.
        while (queue.Count > 0)
        {
            foreach (var button in queue.Dequeue().Messages.SelectMany(m => m.AllButtons))
            {
                Assert.InRange(Encoding.UTF8.GetByteCount(button.Action), 1, ActionId.MaxBytes);
                Assert.InRange(button.Label.Length, 1, 80);
                Assert.True(ActionId.TryParse(button.Action, out _), button.Action);
                if (seen.Add(button.Action))
                    queue.Enqueue(await bot.Press(button.Action, locale: "en"));
            }
        }
        Assert.True(seen.Count >= 15, $"only {seen.Count} distinct actions reached");
    }

    /// <summary>
    /// A message the understanding is unsure about gets the sections it may mean as buttons, with asking the moderators
    /// and the menu; it is still recorded as not understood, and pressing an offered section opens it.
    /// </summary>
    [Fact]
    public async Task HandleAsync_UnsureText_OffersTheSectionsAndOpensThePressedOne()
    {
        var understanding = new OfferingUnderstanding(new Topic("aliexpress", TopicKind.Reason, "scammed"), new Topic("aliexpress", TopicKind.Consequence, "deals-deleted"));
        var bot = new EngineHarness(understanding: understanding);
        var store = (InMemoryConversationStore)bot.Store;

        var offer = await bot.Say("нарвался на мошенников");

        Assert.Contains("Не уверен", EngineHarness.TextOf(offer), StringComparison.Ordinal);
        Assert.Equal(["I was scammed", "Что будет с заказами и историей сделок", "Отправить вопрос модераторам", "☰ Меню"], offer.Messages[0].AllButtons.Select(b => b.Label));
        Assert.Contains(store.Events, e => e.Kind == DialogEventKind.Unmatched && e.Text == "нарвался на мошенников");

        var opened = await bot.Press(EngineHarness.ButtonOf(offer, "I was scammed").Action);
        Assert.Contains("Я был обманут", EngineHarness.TextOf(opened), StringComparison.Ordinal);
    }

    /// <summary>No section comes close: the plain "not understood" with the whole menu, as before offers existed.</summary>
    [Fact]
    public async Task HandleAsync_TextNothingComesCloseTo_FallsBackToTheMenu()
    {
        var bot = new EngineHarness(understanding: new OfferingUnderstanding());

        var reply = await bot.Say("какая погода завтра");

        Assert.Contains("не нашёл ответа", EngineHarness.TextOf(reply), StringComparison.Ordinal);
        Assert.Contains(reply.Messages[0].AllButtons, b => b.Label == "Последствия");
        Assert.Equal("Отправить вопрос модераторам", reply.Messages[0].Buttons[0][0].Label);
    }

    /// <summary>The fallback's button passes the text as typed to the moderators once; pressed again, it is outdated.</summary>
    [Fact]
    public async Task HandleAsync_FallbackSendButton_PassesTheTextOnceWithoutRetyping()
    {
        var bot = new EngineHarness(understanding: new OfferingUnderstanding());
        var store = (InMemoryConversationStore)bot.Store;
        var fallback = await bot.Say("как поменять валюту в приложении");

        var sent = await bot.Press(EngineHarness.ButtonOf(fallback, "Отправить вопрос модераторам").Action);
        var again = await bot.Press(EngineHarness.ButtonOf(fallback, "Отправить вопрос модераторам").Action);

        Assert.Contains("передан модераторам", EngineHarness.TextOf(sent), StringComparison.Ordinal);
        Assert.Equal("как поменять валюту в приложении", Assert.Single(store.Questions).Text);
        Assert.DoesNotContain("передан модераторам", EngineHarness.TextOf(again), StringComparison.Ordinal);
    }

    /// <summary>Every section free text can lead to can be offered, in both languages, and its button opens it.</summary>
    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task HandleAsync_EverySectionOffered_HasAButtonThatOpensIt(string locale)
    {
        var guide = TestContent.Load().Languages[locale].Guides["aliexpress"];
        var understanding = new OfferingUnderstanding();
        var bot = new EngineHarness(understanding: understanding);
        foreach (var topic in EveryTopic(guide))
        {
            understanding.Offer(topic);
            var offer = await bot.Say("?" + topic, locale: locale);
            var button = offer.Messages[0].AllButtons.First();
            Assert.InRange(Encoding.UTF8.GetByteCount(button.Action), 1, ActionId.MaxBytes);
            Assert.InRange(button.Label.Length, 1, 80);

            var opened = await bot.Press(button.Action, locale: locale);

            var text = EngineHarness.TextOf(opened);
            Assert.False(text.Contains("устарела", StringComparison.Ordinal) || text.Contains("outdated", StringComparison.Ordinal), $"{topic}: {text}");
            Assert.NotEmpty(text);
        }
    }

    internal static IEnumerable<Topic> EveryTopic(Guide guide)
    {
        yield return new(guide.Id, TopicKind.Overview);
        yield return new(guide.Id, TopicKind.Consequences);
        foreach (var item in guide.Consequences!.Items)
            yield return new(guide.Id, TopicKind.Consequence, item.Id);
        yield return new(guide.Id, TopicKind.Refunds);
        foreach (var part in guide.Parts)
            yield return new(guide.Id, TopicKind.Part, part.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var step in guide.Steps)
            yield return new(guide.Id, TopicKind.Step, step.Id);
        yield return new(guide.Id, TopicKind.Done);
        yield return new(guide.Id, TopicKind.Reasons);
        foreach (var option in guide.Reasons!.Options)
            yield return new(guide.Id, TopicKind.Reason, option.Id);
    }

    /// <summary>
    /// Free text is read in the light of the section the user was last shown, however it was opened (a command, a
    /// button, a typed question); a screen that shows no section (the menu) leaves it, and a new user has none.
    /// </summary>
    [Fact]
    public async Task HandleAsync_TextAfterASection_IsReadInItsLight()
    {
        var understanding = new OfferingUnderstanding();
        var bot = new EngineHarness(understanding: understanding);

        await bot.Say("а почта?");
        Assert.Null(understanding.Near);

        var consequences = await bot.Say("/consequences");
        await bot.Say("а почта?");
        Assert.Equal(new Topic("aliexpress", TopicKind.Consequences), understanding.Near);

        await bot.Press(EngineHarness.ButtonOf(consequences, "Принимаю").Action);
        await bot.Say("/menu");
        await bot.Say("а почта?");
        Assert.Equal(new Topic("aliexpress", TopicKind.Step, "my-aliexpress"), understanding.Near);

        understanding.Offer(new Topic("aliexpress", TopicKind.Reason, "scammed"));
        var offer = await bot.Say("нарвался на мошенников");
        await bot.Press(EngineHarness.ButtonOf(offer, "I was scammed").Action);
        await bot.Say("а почта?");
        Assert.Equal(new Topic("aliexpress", TopicKind.Reason, "scammed"), understanding.Near);
    }

    /// <summary>Never sure: offers the topics it is told to, and keeps the section it was last asked near.</summary>
    private sealed class OfferingUnderstanding(params Topic[] offered) : ITextUnderstanding
    {
        private Topic[] _offered = offered;

        public Topic? Near { get; private set; }

        public void Offer(params Topic[] topics) => _offered = topics;

        public TextReading Understand(string text, string language, Topic? near, string community = Turn.DefaultCommunity)
        {
            Near = near;
            return new(null, _offered);
        }
    }

    [Fact]
    public async Task HandleAsync_SameDeliveryTwice_SecondChangesNothingAndSendsNothing()
    {
        var bot = new EngineHarness();
        var store = (InMemoryConversationStore)bot.Store;
        var turn = Turn.FromText("test", "u1", "u1", "ru", "/ask Можно ли вернуть аккаунт?") with { DeliveryId = "test:update:7" };

        var first = await bot.Engine.HandleAsync(turn, TestContext.Current.CancellationToken);
        var second = await bot.Engine.HandleAsync(turn, TestContext.Current.CancellationToken);

        Assert.NotEmpty(first.Messages);
        Assert.Empty(second.Messages);
        Assert.Single(store.Questions);
    }

    [Fact]
    public async Task HandleAsync_SecondFeedback_ReplacesTheFirst()
    {
        var bot = new EngineHarness();
        var store = (InMemoryConversationStore)bot.Store;

        await bot.Press("fb:aliexpress:no");
        await bot.Say("Не нашёл кнопку");
        await bot.Press("fb:aliexpress:yes");

        var feedback = Assert.Single(store.Feedback);
        Assert.True(feedback.Helpful);
        Assert.Null(feedback.Comment);
    }

    [Fact]
    public async Task HandleAsync_FeedbackNoThenComment_StoresTheComment()
    {
        var bot = new EngineHarness();
        var store = (InMemoryConversationStore)bot.Store;

        await bot.Press("fb:aliexpress:no");
        await bot.Say("Не нашёл кнопку 🙁");

        var feedback = Assert.Single(store.Feedback);
        Assert.False(feedback.Helpful);
        Assert.Equal("Не нашёл кнопку 🙁", feedback.Comment);
    }

    [Fact]
    public async Task HandleAsync_Forget_RemovesStateFeedbackQuestionsAndEvents()
    {
        var bot = new EngineHarness();
        var store = (InMemoryConversationStore)bot.Store;
        await bot.Say("/steps");
        await bot.Press("fb:aliexpress:yes");
        await bot.Say("/ask Вопрос");
        await bot.Say("/steps", user: "someone-else");

        await bot.Say("/forget");

        Assert.Null(await store.FindUserAsync("test:u1", TestContext.Current.CancellationToken));
        Assert.DoesNotContain(store.Feedback, f => f.UserKey == "test:u1");
        Assert.DoesNotContain(store.Questions, q => q.UserKey == "test:u1");
        Assert.DoesNotContain(store.Events, e => e.UserKey == "test:u1");
        Assert.Contains(store.Events, e => e.UserKey == "test:someone-else");
    }

    [Fact]
    public async Task HandleAsync_Walkthrough_RecordsEachStepReachedForTheFunnel()
    {
        var bot = new EngineHarness();
        var store = (InMemoryConversationStore)bot.Store;

        var reply = await bot.Say("/steps");
        for (var i = 0; i < 9; i++)
            reply = await bot.Press(EngineHarness.ButtonOf(reply, "Далее").Action);

        Assert.Equal(Enumerable.Range(1, 9), store.Events.Where(e => e.Kind == DialogEventKind.StepReached).Select(e => e.Step));
        Assert.Single(store.Events, e => e.Kind == DialogEventKind.Completed);
    }

    [Fact]
    public async Task HandleAsync_Question_KeepsWhereToAnswerAndTheStep()
    {
        var bot = new EngineHarness();
        var store = (InMemoryConversationStore)bot.Store;
        await bot.Say("/steps");
        await bot.Press("step:aliexpress:7");

        var reply = await bot.Engine.HandleAsync(
            Turn.FromText("test", "u1", "chat-9", "en-GB", "/ask Where is the form?") with { DisplayName = "Ann" },
            TestContext.Current.CancellationToken);

        var question = Assert.Single(store.Questions);
        Assert.Equal(("test", "chat-9", "Ann", "en", 7, "Where is the form?", QuestionStatus.Open),
            (question.Channel, question.ChatId, question.DisplayName, question.Language, question.Step, question.Text, question.Status));
        Assert.Contains(question.Id, EngineHarness.TextOf(reply), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "Здравствуйте")]
    [InlineData("ru-RU", "Здравствуйте")]
    [InlineData("en", "Hello")]
    [InlineData("en-US", "Hello")]
    [InlineData("en_GB", "Hello")]
    [InlineData("de", "Здравствуйте")]
    [InlineData("", "Здравствуйте")]
    [InlineData("zz-💥", "Здравствуйте")]
    public async Task HandleAsync_Locale_PicksLanguageOrRussian(string locale, string greeting)
    {
        var reply = await new EngineHarness().Say("/start", locale: locale);

        Assert.StartsWith(greeting, EngineHarness.TextOf(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ChosenLanguage_WinsOverLocale()
    {
        var bot = new EngineHarness();
        await bot.Say("/language en", locale: "ru");

        var reply = await bot.Say("/help", locale: "ru");

        Assert.StartsWith("What I can do", EngineHarness.TextOf(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_StoreFails_ApologizesAndStoresNothing()
    {
        var store = new FailingStore();
        var bot = new EngineHarness(store);

        var reply = await bot.Say("/steps");

        Assert.Contains("пошло не так", EngineHarness.TextOf(reply), StringComparison.Ordinal);
        Assert.Equal(0, store.Commits);
    }

    [Fact]
    public async Task HandleAsync_ConcurrentPressesOfOneUser_AreSerializedAndNoneIsLost()
    {
        var bot = new EngineHarness();
        var store = (InMemoryConversationStore)bot.Store;

        await Task.WhenAll(Enumerable.Range(1, 9).Select(n => bot.Press($"step:aliexpress:{n}")));

        Assert.Equal(9, store.Events.Count(e => e.Kind == DialogEventKind.StepReached));
    }

    private sealed class FailingStore : IConversationStore
    {
        public int Commits { get; private set; }

        public ValueTask<UserState?> FindUserAsync(string userKey, CancellationToken cancellationToken) => ValueTask.FromResult<UserState?>(null);

        public ValueTask<Feedback?> FindFeedbackAsync(string userKey, string guide, CancellationToken cancellationToken) => ValueTask.FromResult<Feedback?>(null);

        public ValueTask<bool> WasHandledAsync(string deliveryId, CancellationToken cancellationToken) => ValueTask.FromResult(false);

        public ValueTask CommitAsync(TurnChanges changes, CancellationToken cancellationToken) => throw new IOException("disk full");

        public ValueTask<int> ForgetUserAsync(string userKey, CancellationToken cancellationToken) => ValueTask.FromResult(0);
    }
}
