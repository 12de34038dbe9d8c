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
        var reading = Reader().Decide([(Overview, 0.7), (EmailReuse, 0.2), (null, 0.06), (Scammed, 0.04)], saved: [], near: null, words: 5);

        Assert.Equal(Overview, reading.Match?.Topic);
        Assert.Equal(0.7, reading.Match!.Value.Confidence, 3);
        Assert.Equal([EmailReuse, Scammed], reading.Suggestions);
    }

    [Fact]
    public void Decide_NoLikelySection_OffersTheLikelyOnesLikeliestFirst()
    {
        var reading = Reader().Decide([(EmailReuse, 0.4), (Scammed, 0.35), (null, 0.15), (Overview, 0.1)], saved: [], near: null, words: 5);

        Assert.Null(reading.Match);
        Assert.Equal([EmailReuse, Scammed], reading.Suggestions);
    }

    [Fact]
    public void Decide_OffTopicLikeliest_FallsBackOfferingOnlyLikelySections()
    {
        var reading = Reader().Decide([(null, 0.8), (Overview, 0.12), (Scammed, 0.08)], saved: [], near: null, words: 5);

        Assert.Null(reading.Match);
        Assert.Empty(reading.Suggestions);
    }

    [Fact]
    public void Decide_PartAndItsFirstSubStep_AreOneScreen_OfferedOnceAndNeverUnderTheirOwnAnswer()
    {
        var unsure = Reader().Decide([(EmailReuse, 0.4), (Part2, 0.3), (FormEmail, 0.25), (null, 0.05)], saved: [], near: null, words: 5);
        var answered = Reader().Decide([(Part2, 0.6), (FormEmail, 0.25), (EmailReuse, 0.15)], saved: [], near: null, words: 5);

        Assert.Equal([EmailReuse, Part2], unsure.Suggestions);
        Assert.Equal(Part2, answered.Match?.Topic);
        Assert.Equal([EmailReuse], answered.Suggestions);
    }

    [Fact]
    public void Decide_ShortFollowUpAfterTheConsequences_IsReadWithinThatList()
    {
        // "а почта?" alone is the form's e-mail line; after the consequences it is the e-mail's consequence.
        IReadOnlyList<(Topic?, double)> ranked = [(FormEmail, 0.9), (EmailReuse, 0.05), (null, 0.05)];

        Assert.Equal(FormEmail, Reader().Decide(ranked, saved: [], near: null, words: 2).Match?.Topic);
        Assert.Equal(EmailReuse, Reader().Decide(ranked, saved: [], near: Consequences, words: 2).Match?.Topic);
        Assert.Equal(FormEmail, Reader().Decide(ranked, saved: [], near: Consequences, words: HelpBot.Understanding.Model.Reader.MaxFollowUpWords + 1).Match?.Topic);
    }

    [Fact]
    public void Decide_ShortOffTopicOrSmallTalkAfterASection_IsNotAFollowUp()
    {
        Assert.Null(Reader().Decide([(null, 0.9), (EmailReuse, 0.1)], saved: [], near: Consequences, words: 2).Match);
        Assert.Equal(Greeting, Reader().Decide([(Greeting, 0.9), (EmailReuse, 0.1)], saved: [], near: Consequences, words: 1).Match?.Topic);
    }

    [Fact]
    public void Decide_ShortMessageAfterASection_IsSmallTalkFirstWhenSmallTalkIsLikelierThanTheListsSections()
    {
        // "спасибо большое!" after a sub-step of part 2: neither the fallback's nor a section's lead makes it a follow-up.
        Assert.Equal(Thanks, Reader().Decide([(null, 0.5), (Thanks, 0.3), (Overview, 0.15), (FormEmail, 0.05)], saved: [], near: Part2, words: 2).Match?.Topic);
        Assert.Equal(Thanks, Reader().Decide([(Overview, 0.5), (Thanks, 0.3), (null, 0.15), (FormEmail, 0.05)], saved: [], near: Part2, words: 2).Match?.Topic);
        // The list's own item likelier than small talk, or too little small talk to offer: a follow-up.
        Assert.Equal(FormEmail, Reader().Decide([(Overview, 0.4), (FormEmail, 0.3), (Thanks, 0.2), (null, 0.1)], saved: [], near: Part2, words: 2).Match?.Topic);
        Assert.Equal(FormEmail, Reader().Decide([(Overview, 0.8), (Thanks, 0.1), (FormEmail, 0.05), (null, 0.05)], saved: [], near: Part2, words: 2).Match?.Topic);
    }

    [Fact]
    public void Decide_SmallTalk_IsAnsweredButNeverOffered()
    {
        Assert.Equal(Greeting, Reader().Decide([(Greeting, 0.8), (Overview, 0.2)], saved: [], near: null, words: 1).Match?.Topic);
        Assert.Equal([Overview], Reader().Decide([(Greeting, 0.4), (Overview, 0.3), (null, 0.3)], saved: [], near: null, words: 1).Suggestions);
    }

    private static readonly Topic Password = Topic.Saved("password");

    [Theory]
    [InlineData(0.9, 0.35, "password", false)] // no section is sure: the saved answer like it answers
    [InlineData(0.9, 0.2, null, true)] // less like it: offered first among the buttons
    [InlineData(0.9, 0.1, null, false)] // hardly like it: the fallback, the saved answer not offered
    [InlineData(0.2, 0.9, "overview", false)] // a section the model is sure of wins over any likeness
    public void Decide_SavedAnswer_AnswersOrIsOfferedByLikenessWhenNoSectionAnswers(double offTopic, double likeness, string? answered, bool offered)
    {
        var options = new UnderstandingOptions { AnswerConfidence = 0.5, OfferConfidence = 0.15, SavedAnswerLikeness = 0.3, SavedOfferLikeness = 0.15 };
        var reading = new Reader(fixture.Catalog, options).Decide(offTopic >= 0.5 ? [(null, offTopic), (Overview, 1 - offTopic)] : [(Overview, 1 - offTopic), (null, offTopic)], saved: [(Password, likeness)], near: null, words: 5);
        Assert.Equal(answered switch { null => null, "overview" => Overview, _ => Password }, reading.Match?.Topic);
        Assert.Equal(offered, reading.Suggestions.Count > 0 && reading.Suggestions[0] == Password);
    }

    [Fact]
    public void Served_LeavesOutSavedAnswersOfOtherLanguagesAndCommunities()
    {
        var en = fixture.Catalog.Languages["en"];
        var catalog = fixture.Catalog with
        {
            Languages = new Dictionary<string, Engine.Content.LanguagePack>(fixture.Catalog.Languages)
            {
                ["en"] = en with { SavedAnswers = [new("password", "Change the password", "Settings → Password.", null, []), new("club", "Club rules", "Be kind.", "club", [])] },
            },
        };
        var reader = new Reader(catalog, new UnderstandingOptions());
        IReadOnlyList<(Topic?, double)> ranked = [(Password, 0.5), (Topic.Saved("club"), 0.3), (null, 0.2)];
        Assert.Equal([Password, null], reader.Served(ranked, "en", "default").Select(s => s.Item1));
        Assert.Equal([Password, Topic.Saved("club"), null], reader.Served(ranked, "en", "club").Select(s => s.Item1));
        Assert.Equal([null], reader.Served(ranked, "ru", "club").Select(s => s.Item1));
    }
}
