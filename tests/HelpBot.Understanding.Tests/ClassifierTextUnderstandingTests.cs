using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;
using Microsoft.Extensions.Options;

namespace HelpBot.Understanding.Tests;

/// <summary>The reader as the engine uses it: trained from the content, retrained in the background when it changes.</summary>
public sealed class ClassifierTextUnderstandingTests(UnderstandingFixture fixture) : IClassFixture<UnderstandingFixture>
{
    [Theory]
    [InlineData("как удалить аккаунт на алиэкспресс", "ru", "overview")]
    [InlineData("kak udalit akkaunt na aliekspress", "ru", "overview")]
    [InlineData("rfr elfkbnm frrfeyn", "ru", "overview")]
    [InlineData("I was scammed", "ru", "reason:scammed")]
    [InlineData("what do I type in the second line of the form", "en", "step:form-phrase")]
    [InlineData("привет", "ru", "smalltalk:greeting")]
    [InlineData("ghbdtn", "ru", "smalltalk:greeting")]
    [InlineData("privet", "ru", "smalltalk:greeting")]
    [InlineData("plhfdcndeq", /* здравствуй on the wrong layout */ "ru", "smalltalk:greeting")]
    [InlineData("cgfcb,j juhjvyjt", /* спасибо огромное */ "ru", "smalltalk:thanks")]
    [InlineData("позовите живого человека", "ru", "smalltalk:human")]
    public void Understand_ContentWordsAndRepairs_AnswerTheSection(string message, string language, string expected)
    {
        var reading = fixture.Understanding.Understand(message, language, near: null);

        Assert.Equal(expected, reading.Match is { } m ? TopicNames.Format(m.Topic, "aliexpress") : null);
    }

    [Theory]
    [InlineData("спасибо большое!")]
    [InlineData("спасибо огромное!!")]
    [InlineData("thanks a lot!")]
    public void Understand_ThanksRightAfterAStep_IsSmallTalkNotAFollowUp(string message)
    {
        var reading = fixture.Understanding.Understand(message, "ru", near: new Topic("aliexpress", TopicKind.Step, "form-phrase"));

        Assert.Equal(Topic.SmallTalk("thanks"), reading.Match?.Topic);
    }

    [Theory]
    [InlineData("how do I delete my aliexpress account?", "en")]
    [InlineData("kak udalit akkaunt", "ru")]
    [InlineData("как удалить profile please", null)]
    public void Understand_SaysWhichLanguageTheMessageIsWrittenIn(string message, string? language)
    {
        Assert.Equal(language, fixture.Understanding.Understand(message, "ru", near: null).Language);
    }

    [Theory]
    [InlineData("")]
    [InlineData("🙂🙂🙂")]
    [InlineData("\u0000\u0007\u001b[31m")]
    [InlineData("какая погода завтра в москве")]
    public void Understand_EmptyOrNonsense_AnswersNoSection(string message)
    {
        var reading = fixture.Understanding.Understand(message, "ru", near: null);

        Assert.True(reading.Match is null or { Topic.Kind: TopicKind.SmallTalk }, reading.Match?.Topic.ToString());
    }

    [Fact]
    public void Understand_HugeMessage_ReadsOnlyItsLastWords()
    {
        var question = " что будет с заказами после удаления аккаунта";
        var huge = string.Concat(Enumerable.Repeat("бла ", 50_000)) + question;

        var reading = fixture.Understanding.Understand(huge, "ru", near: null);

        var lastWords = fixture.Understanding.Understand(string.Concat(Enumerable.Repeat("бла ", HelpBot.Understanding.Analysis.TextNormalizer.MaxWords)) + question, "ru", near: null);
        Assert.Equal(lastWords.Match, reading.Match);
        Assert.Equal(lastWords.Suggestions, reading.Suggestions);
    }

    /// <summary>A start does not wait for training: the first free-text message waits for the model instead.</summary>
    [Fact]
    public async Task Start_TrainsInTheBackground_AndAMessageBeforeTheModelIsReadyWaitsForIt()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var understanding = new ClassifierTextUnderstanding(new FixedContentProvider(fixture.Catalog), Options.Create(new UnderstandingOptions { ModelDirectory = "" }));
        var constructed = started.Elapsed;

        var reading = understanding.Understand("как удалить аккаунт", "ru", near: null);

        Assert.True(constructed < TimeSpan.FromMilliseconds(500), $"the constructor took {constructed}");
        Assert.Equal(new Topic("aliexpress", TopicKind.Overview), reading.Match?.Topic);
        Assert.True(understanding.Ready.IsCompletedSuccessfully);
        await understanding.Ready;
        Assert.True(understanding.Summary.Examples > 1000);
    }

    [Fact]
    public async Task ContentChange_RetrainsInTheBackgroundAndSwapsTheModel()
    {
        var provider = new ChangingContentProvider(fixture.Catalog);
        using var understanding = new ClassifierTextUnderstanding(provider, Options.Create(new UnderstandingOptions()));
        var before = understanding.Summary.Examples;
        var pack = fixture.Catalog.Languages["en"];
        var guide = pack.Guides["aliexpress"];
        var taught = guide with { Examples = [.. guide.Examples, new LabelledExample(new Topic("aliexpress", TopicKind.Done), "moderator", "zorbly flimflam " + Guid.NewGuid().ToString("N"), 9999)] };
        var edited = fixture.Catalog with
        {
            Languages = new Dictionary<string, LanguagePack>(fixture.Catalog.Languages) { ["en"] = pack with { Guides = new Dictionary<string, Guide> { ["aliexpress"] = taught } } },
        };

        provider.Change(edited);
        await understanding.Retraining.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.Equal(before + 1, understanding.Summary.Examples);
        Assert.True(understanding.Summary.Trained);
    }

    private sealed class ChangingContentProvider(ContentCatalog catalog) : IContentProvider
    {
        public ContentCatalog Current { get; private set; } = catalog;

        public event Action<ContentCatalog>? Changed;

        public void Change(ContentCatalog catalog)
        {
            Current = catalog;
            Changed?.Invoke(catalog);
        }
    }
}
