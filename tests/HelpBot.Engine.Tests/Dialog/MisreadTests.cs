using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;

namespace HelpBot.Engine.Tests.Dialog;

/// <summary>
/// A free-text answer is a guess and carries "not what I asked": pressed, it offers the other sections the text may
/// mean (never the one answered, nor another way to its screen), records the text and the section it got for moderators once, and passes it to
/// them as a question on request; an older answer's button is refused.
/// </summary>
public sealed class MisreadTests
{
    private static readonly Topic FormPhrase = new("aliexpress", TopicKind.Step, "form-phrase");
    private static readonly Topic FormEmail = new("aliexpress", TopicKind.Step, "form-email");
    private static readonly Topic PartTwo = new("aliexpress", TopicKind.Part, "2");
    private static readonly Topic EmailReuse = new("aliexpress", TopicKind.Consequence, "email-reuse");

    [Fact]
    public async Task Press_AfterAnAnswer_OffersTheOtherSectionsAndRecordsTheTextOnce()
    {
        var bot = new EngineHarness(understanding: new AnsweringUnderstanding(FormPhrase, FormEmail, EmailReuse));
        var store = (InMemoryConversationStore)bot.Store;

        var answer = await bot.Say("что писать во второй строке");
        var misread = EngineHarness.ButtonOf(answer, "Это не ответ");
        Assert.Equal(misread, answer.Messages[^1].Buttons[^1].Single());
        Assert.DoesNotContain(store.Events, e => e.Kind == DialogEventKind.Unmatched);

        var offer = await bot.Press(misread.Action);
        await bot.Press(misread.Action);

        Assert.Contains("неверно понял", EngineHarness.TextOf(offer), StringComparison.Ordinal);
        Assert.Equal(["Первая строка формы: e-mail", "Можно ли снова зарегистрироваться на ту же почту", "Отправить вопрос модераторам", "☰ Меню"],
            offer.Messages[0].AllButtons.Select(b => b.Label));
        var recorded = Assert.Single(store.Events, e => e.Kind == DialogEventKind.Unmatched);
        Assert.Equal(("что писать во второй строке", "step_form-phrase"), (recorded.Text, recorded.Topic));
        var opened = await bot.Press(EngineHarness.ButtonOf(offer, "e-mail").Action);
        Assert.Contains("шаг 6/9", EngineHarness.TextOf(opened), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Press_AfterAPartsAnswer_DoesNotOfferItsFirstSubStep()
    {
        var bot = new EngineHarness(understanding: new AnsweringUnderstanding(PartTwo, FormEmail, FormPhrase));

        var answer = await bot.Say("как заполнить эту анкету", locale: "en");
        var offer = await bot.Press(EngineHarness.ButtonOf(answer, "Not what I asked").Action, locale: "en");

        Assert.Equal(["Second line of the form: the phrase", "Send my question to the moderators", "☰ Menu"], offer.Messages[0].AllButtons.Select(b => b.Label));
    }

    [Fact]
    public async Task Press_NothingElseComesClose_OffersTheModeratorsAndTheMenu()
    {
        var bot = new EngineHarness(understanding: new AnsweringUnderstanding(EmailReuse));

        var offer = await bot.Press(EngineHarness.ButtonOf(await bot.Say("а почта?"), "Это не ответ").Action);

        Assert.Contains("Могу передать его модераторам", EngineHarness.TextOf(offer), StringComparison.Ordinal);
        Assert.Equal(["Отправить вопрос модераторам", "☰ Меню"], offer.Messages[0].AllButtons.Select(b => b.Label));
    }

    [Fact]
    public async Task Send_PassesTheTextToTheModeratorsOnce()
    {
        var bot = new EngineHarness(understanding: new AnsweringUnderstanding(FormPhrase, FormEmail));
        var store = (InMemoryConversationStore)bot.Store;
        await bot.Say("/steps");
        var offer = await bot.Press(EngineHarness.ButtonOf(await bot.Say("что писать во второй строке"), "Это не ответ").Action);
        var send = EngineHarness.ButtonOf(offer, "Отправить вопрос");

        var saved = await bot.Press(send.Action);
        var again = await bot.Press(send.Action);

        var question = Assert.Single(store.Questions);
        Assert.Equal(("что писать во второй строке", 7), (question.Text, question.Step));
        Assert.Contains(question.Id, EngineHarness.TextOf(saved), StringComparison.Ordinal);
        Assert.Contains("устарела", EngineHarness.TextOf(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Press_OnAnOlderAnswer_IsRefusedAndRecordsNothing()
    {
        var bot = new EngineHarness(understanding: new AnsweringUnderstanding(FormPhrase, FormEmail));
        var store = (InMemoryConversationStore)bot.Store;
        var older = EngineHarness.ButtonOf(await bot.Say("что писать во второй строке"), "Это не ответ");
        var newer = EngineHarness.ButtonOf(await bot.Say("а во второй графе?"), "Это не ответ");

        var reply = await bot.Press(older.Action);

        Assert.NotEqual(older.Action, newer.Action);
        Assert.Contains("устарела", EngineHarness.TextOf(reply), StringComparison.Ordinal);
        Assert.DoesNotContain(store.Events, e => e.Kind == DialogEventKind.Unmatched);
    }

    [Fact]
    public async Task Answer_ToAButtonOrCommand_HasNoMisreadButton()
    {
        var bot = new EngineHarness(understanding: new AnsweringUnderstanding(FormPhrase));

        var replies = new[] { await bot.Say("/consequences"), await bot.Press("step:aliexpress:7"), await bot.Say("/reasons") };

        Assert.All(replies, r => Assert.DoesNotContain(r.Messages.SelectMany(m => m.AllButtons), b => b.Action.StartsWith(ActionId.Misread, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Every section a free text can be answered with keeps its own buttons and gains "not what I asked" within five
    /// rows, the most a Discord message holds (its renderer drops rows past them), in both languages.
    /// </summary>
    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Answer_EverySection_KeepsItsButtonsAndTheMisreadOneWithinFiveRows(string locale)
    {
        var guide = TestContent.Load().Languages[locale].Guides["aliexpress"];
        foreach (var topic in DialogEngineTests.EveryTopic(guide))
        {
            var bot = new EngineHarness(understanding: new AnsweringUnderstanding(topic));

            var rows = (await bot.Say("?", locale: locale)).Messages[^1].Buttons;

            Assert.InRange(rows.Count, 2, 5);
            Assert.StartsWith(ActionId.Misread + ":", Assert.Single(rows[^1]).Action, StringComparison.Ordinal);
        }
    }

    /// <summary>Always sure: answers with one topic and names the others the text may mean.</summary>
    /// <summary>An answer the reader was not sure of (below <c>Dialog:ReviewConfidence</c>, 0.7) waits in /review; a sure one does not.</summary>
    [Theory]
    [InlineData(0.6, true)]
    [InlineData(0.7, false)]
    public async Task Answer_LessSureThanTheReviewConfidence_IsRecordedForReview(double confidence, bool recorded)
    {
        var bot = new EngineHarness(understanding: new AnsweringUnderstanding(FormPhrase) { Confidence = confidence });
        var store = (InMemoryConversationStore)bot.Store;

        var answer = await bot.Say("что писать во второй строке");

        Assert.NotNull(EngineHarness.ButtonOf(answer, "Это не ответ")); // answered, not offered
        Assert.Equal(recorded ? [("что писать во второй строке", "step_form-phrase")] : [],
            store.Events.Where(e => e.Kind == DialogEventKind.Unsure).Select(e => (e.Text, e.Topic)));
    }

    private sealed class AnsweringUnderstanding(Topic answer, params Topic[] others) : ITextUnderstanding
    {
        public double Confidence { get; init; } = 0.9;

        public TextReading Understand(string text, string language, Topic? near, string community = Turn.DefaultCommunity) => new(new TextMatch(answer, Confidence), others);
    }
}
