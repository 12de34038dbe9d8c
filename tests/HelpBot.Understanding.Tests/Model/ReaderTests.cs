using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Model;

namespace HelpBot.Understanding.Tests.Model;

/// <summary>How probabilities become a decision: answer, offer, fall back; one button a screen; short follow-ups in context.</summary>
public sealed class ReaderTests(UnderstandingFixture fixture) : IClassFixture<UnderstandingFixture>
{
    private static readonly Topic Overview = new("aliexpress", TopicKind.Overview);
    private static readonly Topic Part2 = new("aliexpress", TopicKind.Part, "2");
    private static readonly Topic FormEmail = new("aliexpress", TopicKind.Step, "form-email");
    private static readonly Topic EmailReuse = new("aliexpress", TopicKind.Consequence, "email-reuse");
    private static readonly Topic Consequences = new("aliexpress", TopicKind.Consequences);
    private static readonly Topic Scammed = new("aliexpress", TopicKind.Reason, "scammed");
    private static readonly Topic Greeting = Topic.SmallTalk("greeting");
    private static readonly Topic Thanks = Topic.SmallTalk("thanks");

    private Reader Reader() => new(fixture.Catalog, new UnderstandingOptions { AnswerConfidence = 0.5, OfferConfidence = 0.15 });

    [Fact]
    public void Decide_LikelySection_AnswersItAndKeepsTheNextOnesForNotWhatIAsked()
    {
        var reading = Reader().Decide([(Overview, 0.7), (EmailReuse, 0.2), (null, 0.06), (Scammed, 0.04)], near: null, words: 5);

        Assert.Equal(Overview, reading.Match?.Topic);
        Assert.Equal(0.7, reading.Match!.Value.Confidence, 3);
        Assert.Equal([EmailReuse, Scammed], reading.Suggestions);
    }

    [Fact]
    public void Decide_NoLikelySection_OffersTheLikelyOnesLikeliestFirst()
    {
        var reading = Reader().Decide([(EmailReuse, 0.4), (Scammed, 0.35), (null, 0.15), (Overview, 0.1)], near: null, words: 5);

        Assert.Null(reading.Match);
        Assert.Equal([EmailReuse, Scammed], reading.Suggestions);
    }

    [Fact]
    public void Decide_OffTopicLikeliest_FallsBackOfferingOnlyLikelySections()
    {
        var reading = Reader().Decide([(null, 0.8), (Overview, 0.12), (Scammed, 0.08)], near: null, words: 5);

        Assert.Null(reading.Match);
        Assert.Empty(reading.Suggestions);
    }

    [Fact]
    public void Decide_PartAndItsFirstSubStep_AreOneScreen_OfferedOnceAndNeverUnderTheirOwnAnswer()
    {
        var unsure = Reader().Decide([(EmailReuse, 0.4), (Part2, 0.3), (FormEmail, 0.25), (null, 0.05)], near: null, words: 5);
        var answered = Reader().Decide([(Part2, 0.6), (FormEmail, 0.25), (EmailReuse, 0.15)], near: null, words: 5);

        Assert.Equal([EmailReuse, Part2], unsure.Suggestions);
        Assert.Equal(Part2, answered.Match?.Topic);
        Assert.Equal([EmailReuse], answered.Suggestions);
    }

    [Fact]
    public void Decide_ShortFollowUpAfterTheConsequences_IsReadWithinThatList()
    {
        // "а почта?" alone is the form's e-mail line; after the consequences it is the e-mail's consequence.
        IReadOnlyList<(Topic?, double)> ranked = [(FormEmail, 0.9), (EmailReuse, 0.05), (null, 0.05)];

        Assert.Equal(FormEmail, Reader().Decide(ranked, near: null, words: 2).Match?.Topic);
        Assert.Equal(EmailReuse, Reader().Decide(ranked, near: Consequences, words: 2).Match?.Topic);
        Assert.Equal(FormEmail, Reader().Decide(ranked, near: Consequences, words: HelpBot.Understanding.Model.Reader.MaxFollowUpWords + 1).Match?.Topic);
    }

    [Fact]
    public void Decide_ShortOffTopicOrSmallTalkAfterASection_IsNotAFollowUp()
    {
        Assert.Null(Reader().Decide([(null, 0.9), (EmailReuse, 0.1)], near: Consequences, words: 2).Match);
        Assert.Equal(Greeting, Reader().Decide([(Greeting, 0.9), (EmailReuse, 0.1)], near: Consequences, words: 1).Match?.Topic);
    }

    [Fact]
    public void Decide_ShortMessageAfterASection_IsSmallTalkFirstWhenSmallTalkIsLikelierThanTheListsSections()
    {
        // "спасибо большое!" after a sub-step of part 2: neither the fallback's nor a section's lead makes it a follow-up.
        Assert.Equal(Thanks, Reader().Decide([(null, 0.5), (Thanks, 0.3), (Overview, 0.15), (FormEmail, 0.05)], near: Part2, words: 2).Match?.Topic);
        Assert.Equal(Thanks, Reader().Decide([(Overview, 0.5), (Thanks, 0.3), (null, 0.15), (FormEmail, 0.05)], near: Part2, words: 2).Match?.Topic);
        // The list's own item likelier than small talk, or too little small talk to offer: a follow-up.
        Assert.Equal(FormEmail, Reader().Decide([(Overview, 0.4), (FormEmail, 0.3), (Thanks, 0.2), (null, 0.1)], near: Part2, words: 2).Match?.Topic);
        Assert.Equal(FormEmail, Reader().Decide([(Overview, 0.8), (Thanks, 0.1), (FormEmail, 0.05), (null, 0.05)], near: Part2, words: 2).Match?.Topic);
    }

    [Fact]
    public void Decide_SmallTalk_IsAnsweredButNeverOffered()
    {
        Assert.Equal(Greeting, Reader().Decide([(Greeting, 0.8), (Overview, 0.2)], near: null, words: 1).Match?.Topic);
        Assert.Equal([Overview], Reader().Decide([(Greeting, 0.4), (Overview, 0.3), (null, 0.3)], near: null, words: 1).Suggestions);
    }
}
