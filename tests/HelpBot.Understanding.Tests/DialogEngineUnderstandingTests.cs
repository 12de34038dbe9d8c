using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Understanding.Tests;

/// <summary>Free text through the real engine: the right screen, the user's language, commands and buttons first.</summary>
public sealed class DialogEngineUnderstandingTests(UnderstandingFixture fixture) : IClassFixture<UnderstandingFixture>
{
    private readonly InMemoryConversationStore _store = new();

    [Fact]
    public async Task HandleAsync_QuestionAboutTheSecondLine_OpensTheWalkthroughThereAsANewMessage()
    {
        var reply = await Engine().HandleAsync(Turn.FromText("test", "1", "1", "ru", "что писать во второй строке?"), TestContext.Current.CancellationToken);

        var message = Assert.Single(reply.Messages);
        Assert.Contains("`Deactivate my account`", message.Text, StringComparison.Ordinal);
        Assert.Contains(message.AllButtons, b => b.Action == "step:aliexpress:8");
        Assert.False(reply.EditInPlace);
    }

    [Fact]
    public async Task HandleAsync_RussianUserPastesEnglishOption_GetsTheRussianTranslation()
    {
        var reply = await Engine().HandleAsync(Turn.FromText("test", "1", "1", "ru", "I was scammed"), TestContext.Current.CancellationToken);

        var text = Assert.Single(reply.Messages).Text;
        Assert.Contains("`I was scammed`", text, StringComparison.Ordinal);
        Assert.Contains("Я был обманут", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_OffTopic_SaysSoOffersMenuAndModeratorsAndRecordsTheText()
    {
        var reply = await Engine().HandleAsync(Turn.FromText("test", "1", "1", "en", "what's the weather like tomorrow"), TestContext.Current.CancellationToken);

        var message = Assert.Single(reply.Messages);
        Assert.Equal(fixture.Catalog.Languages["en"].Texts[TextKey.NotUnderstood], message.Text);
        Assert.Contains(message.AllButtons, b => b.Label == fixture.Catalog.Languages["en"].Texts[TextKey.ButtonAsk]);
        var recorded = Assert.Single(_store.Events, e => e.Kind == DialogEventKind.Unmatched);
        Assert.Equal("what's the weather like tomorrow", recorded.Text);
    }

    [Fact]
    public async Task HandleAsync_CommandThatReadsLikeAQuestion_RunsTheCommand()
    {
        var reply = await Engine().HandleAsync(Turn.FromText("test", "1", "1", "ru", "/reasons что будет с заказами"), TestContext.Current.CancellationToken);

        Assert.StartsWith("**" + fixture.Catalog.Languages["ru"].Guides["aliexpress"].Reasons!.Intro, Assert.Single(reply.Messages).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_TextWhileAskingModerators_IsSavedAsTheQuestionNotMatched()
    {
        var engine = Engine();
        await engine.HandleAsync(Turn.FromText("test", "1", "1", "ru", "/ask"), TestContext.Current.CancellationToken);
        await engine.HandleAsync(Turn.FromText("test", "1", "1", "ru", "что будет с заказами?"), TestContext.Current.CancellationToken);

        Assert.Equal("что будет с заказами?", Assert.Single(_store.Questions).Text);
    }

    private DialogEngine Engine() => new(new FixedContentProvider(fixture.Catalog), _store, fixture.Understanding);
}
