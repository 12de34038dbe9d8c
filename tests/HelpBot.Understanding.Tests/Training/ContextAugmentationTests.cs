using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Model;
using HelpBot.Understanding.Training;

namespace HelpBot.Understanding.Tests.Training;

/// <summary>Users' section questions are learned again after a story of their language; nothing else is copied.</summary>
public sealed class ContextAugmentationTests(UnderstandingFixture fixture) : IClassFixture<UnderstandingFixture>
{
    private readonly IReadOnlyList<TrainingExample> _examples = TrainingSet.From(fixture.Catalog);

    [Fact]
    public void Apply_CopiesAShareOfSectionQuestions_WithOneToThreeStorySentencesOfTheirLanguageBefore()
    {
        var settings = new ModelSettings();

        var copies = ContextAugmentation.Apply(_examples, fixture.Catalog, settings).Skip(_examples.Count).ToArray();

        var questions = _examples.Count(e => e.IsMessage && e.Label is { Kind: not TopicKind.SmallTalk });
        Assert.InRange(copies.Length, questions * (settings.ContextShare - 0.05), questions * (settings.ContextShare + 0.05));
        foreach (var copy in copies)
        {
            var original = Assert.Single(_examples, e => e.Source + " (after a story)" == copy.Source && copy.Text.EndsWith(" " + e.Text, StringComparison.Ordinal));
            Assert.Equal(original.Label, copy.Label);
            var story = copy.Text[..^(original.Text.Length + 1)];
            var context = fixture.Catalog.Languages[copy.Language].Context;
            var sentences = context.Where(s => story.Contains(s, StringComparison.Ordinal)).Sum(s => (story.Length - story.Replace(s, "", StringComparison.Ordinal).Length) / s.Length);
            Assert.InRange(sentences, 1, settings.MostContextSentences);
        }
    }

    [Fact]
    public void Apply_NeverCopiesOffTopicSmallTalkOrTheContentsOwnPhrases()
    {
        var copies = ContextAugmentation.Apply(_examples, fixture.Catalog, new ModelSettings()).Skip(_examples.Count);

        Assert.All(copies, c => Assert.True(c.IsMessage && c.Label is { Kind: not TopicKind.SmallTalk }, c.Source));
    }

    [Fact]
    public void Apply_SameDataTwice_SameCopies() =>
        Assert.Equal(
            ContextAugmentation.Apply(_examples, fixture.Catalog, new ModelSettings()).Select(e => e.Text),
            ContextAugmentation.Apply(_examples, fixture.Catalog, new ModelSettings()).Select(e => e.Text));

    [Fact]
    public void Apply_NoShare_AddsNothing() =>
        Assert.Equal(_examples.Count, ContextAugmentation.Apply(_examples, fixture.Catalog, new ModelSettings(ContextShare: 0)).Count);
}
