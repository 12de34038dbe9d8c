using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Evaluation;
using HelpBot.Understanding.Index;
using HelpBot.Tests;
using Microsoft.Extensions.Options;

namespace HelpBot.Understanding.Tests.Index;

/// <summary>
/// Out-of-scope phrases are for moderators to add whenever a nearby question gets a section: adding one must not move
/// any other answer. Their words count for neither idf nor the average text length (GuideSimilarity), and each is a
/// topic of its own.
/// </summary>
public sealed class OutOfScopePhrasesTests(UnderstandingFixture fixture) : IClassFixture<UnderstandingFixture>
{
    /// <summary>Phrases made of the guide's commonest words, so that counted for idf they would reweigh every message.</summary>
    private static readonly string[] GuideWordsPhrases =
    [
        "удалить аккаунт и заказы и почту в форме",
        "delete the account orders email and reason on the form",
        "профиль настройки причина",
        "account profile settings reason",
    ];

    [Fact]
    public void Explain_MoreOutOfScopePhrases_LeaveEveryGuideTopicsScoreAsItWas()
    {
        using var more = new LuceneTextUnderstanding(new FixedContentProvider(WithOutOfScope(fixture.Catalog, GuideWordsPhrases)), Options.Create(new UnderstandingOptions()));
        var messages = EvaluationSet.Load(Path.Combine(RepositoryPaths.Root, "tests", "HelpBot.Understanding.Tests", "evaluation.tsv"), fixture.Catalog.DefaultGuide)
            .Where(c => !c.IsOffTopic).Select(c => c.Message).ToList();

        var compared = 0;
        foreach (var message in messages)
        {
            var before = fixture.Understanding.Explain(message).Candidates.Where(c => c.Topic.Kind != TopicKind.OutOfScope).ToDictionary(c => c.Topic);
            foreach (var after in more.Explain(message).Candidates.Where(c => c.Topic.Kind != TopicKind.OutOfScope && before.ContainsKey(c.Topic)))
            {
                Assert.Equal(before[after.Topic].Score, after.Score, 4);
                Assert.Equal(before[after.Topic].Confidence, after.Confidence, 6);
                compared++;
            }
        }
        Assert.True(compared >= messages.Count, $"only {compared} candidates compared over {messages.Count} messages");
    }

    [Fact]
    public void Explain_WordsOfSeveralOutOfScopePhrases_MatchEachPhraseOnItsOwn()
    {
        // "money" and "get back" are one phrase's words, "cancel" and "order" another's: summed as one topic they read as
        // a nearby question that explains the whole message.
        var ranked = fixture.Understanding.Explain("is the money for a cancelled order returned").Candidates;

        Assert.All(ranked.Where(c => c.Topic.Kind == TopicKind.OutOfScope), c => Assert.True(c.Confidence < 1, TopicNames.Format(c.Topic, fixture.Catalog.DefaultGuide)));
        Assert.Equal(TopicKind.Refunds, ranked[0].Topic.Kind);
    }

    private static ContentCatalog WithOutOfScope(ContentCatalog catalog, IReadOnlyList<string> phrases)
    {
        var languages = catalog.Languages.ToDictionary(
            l => l.Key,
            l => l.Value with { Guides = l.Value.Guides.ToDictionary(g => g.Key, g => g.Value with { OutOfScope = [.. g.Value.OutOfScope, .. phrases] }) });
        return catalog with { Languages = languages };
    }
}
