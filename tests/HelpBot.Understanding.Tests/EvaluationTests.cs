using HelpBot.Engine.Understanding;
using HelpBot.Tests;
using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Evaluation;

namespace HelpBot.Understanding.Tests;

/// <summary>
/// The labelled sets: evaluation.tsv (tuned against); holdout.tsv and holdout2.tsv (written unmeasured, later looked at
/// while tuning); holdout3.tsv, holdout4.tsv and holdout5.tsv (each written blind by a separate author from the article
/// alone, in the second, third and fourth sessions; their misses read in the session after, holdout5's in its own);
/// holdout6.tsv (written the same way in the fourth session, measured at its start and end only, misses not read);
/// holdout7.tsv (nearby questions the article does not answer), holdout8.tsv, holdout9.tsv and holdout10.tsv, written
/// blind in the fifth session, measured on its starting commit, then tuned against (holdout10 after a blind measurement
/// of that session's first round of changes); holdout11.tsv, written the same way, measured at the fifth session's
/// start and end only. The sixth session read holdout6's and holdout11's wrong sections (not their fallbacks), so they
/// count as tuned now; holdout12.tsv, written blind at the sixth session's start, was measured after each of its
/// changes, totals only, and holdout13.tsv, written blind at its end (weighted towards questions between neighbouring
/// sections), at the session's starting commit and its last only. holdout12's four wrong sections were read after its
/// last measurement (nothing changed for them); holdout13's misses were not read.
/// The floors are the figures measured when they were last raised; a change that lowers them fails here.
/// </summary>
public sealed class EvaluationTests(UnderstandingFixture fixture) : IClassFixture<UnderstandingFixture>
{
    /// <summary>The sets measured only at a session's start and end, never tuned against; the aggregate tests leave them out.</summary>
    private static readonly string[] BlindSets = ["holdout12.tsv", "holdout13.tsv"];

    /// <summary>A set written about one thing (nearby questions) need not have every kind of message.</summary>
    private static readonly Dictionary<string, string[]> FocusedSets = new(StringComparer.Ordinal)
    {
        ["holdout7.tsv"] = ["paraphrase", "typo", "option", "situation", "offtopic"],
    };

    public static TheoryData<string, double> Sets() => new()
    {
        // Measured 96.1 % (172/179), 95.5 % (63/66), 90.1 % (64/71), 88.9 % (72/81), 82.8 % (72/87), 79.3 % (65/82),
        // 79.1 % (68/86), 82.0 % (50/61), 78.9 % (56/71), 88.5 % (85/96), 73.8 % (59/80), 77.8 % (63/81) and, blind, 78.7 % (63/80) and 81.1 % (73/90). holdout3 and holdout5 each
        // lost one answer to an offer of the same section first ("нажал кнопку деактивации, что теперь будет с
        // профилем?"; "открыл настройки профиля, …, какой там пункт нужен").
        { "evaluation.tsv", 0.960 },
        { "holdout.tsv", 0.954 },
        { "holdout2.tsv", 0.901 },
        { "holdout3.tsv", 0.888 },
        { "holdout4.tsv", 0.827 },
        { "holdout5.tsv", 0.792 },
        { "holdout6.tsv", 0.790 },
        { "holdout7.tsv", 0.819 },
        { "holdout8.tsv", 0.788 },
        { "holdout9.tsv", 0.885 },
        { "holdout10.tsv", 0.737 },
        { "holdout11.tsv", 0.777 },
        { "holdout12.tsv", 0.787 },
        { "holdout13.tsv", 0.811 },
    };

    /// <summary>Wrong sections (the harmful errors) measured per set; a change may turn them into fallbacks, never add one.</summary>
    private static readonly Dictionary<string, int> MaxWrongSections = new(StringComparer.Ordinal)
    {
        ["evaluation.tsv"] = 0,
        ["holdout.tsv"] = 1,
        ["holdout2.tsv"] = 2,
        ["holdout3.tsv"] = 1,
        ["holdout4.tsv"] = 1,
        ["holdout5.tsv"] = 1,
        ["holdout6.tsv"] = 1,
        ["holdout7.tsv"] = 1,
        ["holdout8.tsv"] = 3,
        ["holdout9.tsv"] = 1,
        ["holdout10.tsv"] = 1,
        ["holdout11.tsv"] = 1,
        ["holdout12.tsv"] = 4,
        ["holdout13.tsv"] = 6,
    };

    /// <summary>
    /// Off-topic messages answered with a section, per set: none, except nearby questions in the guide's own words that
    /// still read as a section (holdout7's "can i delete one chat with a seller", holdout9's "is it safe to buy on
    /// aliexpress", one each of holdout10's and holdout11's, and one each of the blind holdout12's and holdout13's).
    /// </summary>
    private static readonly Dictionary<string, int> MaxOffTopicAnswered = new(StringComparer.Ordinal)
    {
        ["evaluation.tsv"] = 0,
        ["holdout.tsv"] = 0,
        ["holdout2.tsv"] = 0,
        ["holdout3.tsv"] = 0,
        ["holdout4.tsv"] = 0,
        ["holdout5.tsv"] = 0,
        ["holdout6.tsv"] = 0,
        ["holdout7.tsv"] = 1,
        ["holdout8.tsv"] = 0,
        ["holdout9.tsv"] = 1,
        ["holdout10.tsv"] = 1,
        ["holdout11.tsv"] = 1,
        ["holdout12.tsv"] = 1,
        ["holdout13.tsv"] = 1,
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Evaluate_LabelledSet_TopOneAccuracyIsAtLeastTheMeasuredFloor(string file, double floor)
    {
        var report = Evaluate(file);
        Assert.True(report.TopOneAccuracy >= floor, $"top-1 accuracy {report.TopOneAccuracy:P1} fell below {floor:P1}\n{report.Format(file)}");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Evaluate_LabelledSet_WrongSectionsAtMostTheMeasuredCeiling(string file, double floor)
    {
        _ = floor;
        var report = Evaluate(file);
        Assert.True(report.WrongAnswers <= MaxWrongSections[file], $"{report.WrongAnswers} wrong sections, more than {MaxWrongSections[file]}\n{report.Format(file)}");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Evaluate_OffTopicMessages_FallBack(string file, double floor)
    {
        _ = floor;
        var report = Evaluate(file);
        var answered = report.OffTopic.Count(o => o.Answered is not null);
        Assert.True(answered <= MaxOffTopicAnswered[file], $"{answered} off-topic messages answered with a section\n{report.Format(file)}");
    }

    /// <summary>
    /// An on-topic message gets the right section either as the answer or, when the bot is not sure, among the sections
    /// it offers; off-topic messages seldom get an offer. Measured over the tuned sets: 996 of 1041 on-topic messages
    /// reach the right section so. 45 of 328 off-topic messages get offers: 8 of the 133 in evaluation.tsv and
    /// holdout–holdout6 (such as the AliExpress overview for deleting an account elsewhere), and 37 of the 195 of
    /// holdout7–11, mostly nearby questions (such as the scam option for "how do I report a seller who scammed me").
    /// </summary>
    [Fact]
    public void Evaluate_TunedSets_RightSectionAnsweredOrOfferedAndSmallTalkNothing()
    {
        var reports = Sets().Where(row => !BlindSets.Contains(row.Data.Item1)).Select(row => Evaluate(row.Data.Item1)).ToArray();
        var reached = reports.Sum(r => r.OnTopic.Count(o => o.Correct) + r.FallbacksOfferingExpected);
        var onTopic = reports.Sum(r => r.OnTopic.Count);
        var offTopicOffered = reports.Sum(r => r.OffTopicWithSuggestions);

        Assert.True(reached >= 996, $"{reached} of {onTopic} on-topic messages get the right section answered or offered");
        Assert.True(offTopicOffered <= 45, $"{offTopicOffered} off-topic messages get offers");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Load_LabelledSet_IsLargeAndCoversBothLanguagesAndEveryKind(string file, double floor)
    {
        _ = floor;
        var cases = Load(file);
        Assert.True(cases.Count >= (file == "evaluation.tsv" ? 150 : 50), $"{cases.Count} messages");
        Assert.Equal(["en", "ru"], cases.Select(c => c.Language).Distinct().Order(StringComparer.Ordinal));
        foreach (var kind in FocusedSets.GetValueOrDefault(file, ["paraphrase", "typo", "layout", "translit", "option", "situation", "offtopic"]))
            Assert.Contains(cases, c => c.Kind == kind);
        Assert.Equal(cases.Where(c => c.IsOffTopic), cases.Where(c => c.Kind == "offtopic"));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Load_LabelledSet_NamesOnlySectionsTheContentHas(string file, double floor)
    {
        _ = floor;
        var topics = TopicNames.All(fixture.Catalog).ToHashSet();
        Assert.All(Load(file).Where(c => c.Expected is not null), c => Assert.Contains(c.Expected!.Value, topics));
    }

    /// <summary>A message that reads (after repair) as one of the content's own phrases would measure nothing.</summary>
    /// <summary>
    /// A wrong section is one tap from the right one: "not what I asked" under the answer offers the other readings.
    /// Measured over the tuned sets: 9 of the 10 on-topic wrong sections offer the expected one there.
    /// </summary>
    [Fact]
    public void Evaluate_TunedSets_WrongSectionsOfferTheRightOneUnderNotWhatIAsked()
    {
        var reports = Sets().Where(row => !BlindSets.Contains(row.Data.Item1)).Select(row => Evaluate(row.Data.Item1)).ToArray();
        var wrong = reports.Sum(r => r.OnTopicWrongAnswers);
        var offering = reports.Sum(r => r.WrongAnswersOfferingExpected);

        Assert.True(offering >= 9, $"{offering} of {wrong} on-topic wrong sections offer the expected one under \"not what I asked\"");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Load_LabelledMessages_AreNotTheContentsOwnMatchPhrases(string file, double floor)
    {
        _ = floor;
        using var analyzer = new GuideAnalyzer();
        var phrases = MatchPhrases().Select(p => (Phrase: p, Terms: Meaningful(analyzer.Terms(p).Select(t => t.Text)))).ToList();
        var overlaps = Load(file)
            .Select(c => (c.Message, Terms: Meaningful(fixture.Understanding.Explain(c.Message).Words)))
            .SelectMany(c => phrases.Where(p => p.Terms.SetEquals(c.Terms) && p.Terms.Count > 0).Select(p => $"\"{c.Message}\" reads as the match phrase \"{p.Phrase}\""))
            .ToList();
        Assert.True(overlaps.Count == 0, string.Join(Environment.NewLine, overlaps));
    }

    /// <summary>The words that tell sections apart: outcome words ("что будет после") rank like any other, so they count.</summary>
    private static HashSet<string> Meaningful(IEnumerable<string> terms) =>
        terms.Where(t => !StopWords.Function.Contains(t) || StopWords.Outcome.Contains(t)).ToHashSet(StringComparer.Ordinal);

    private IEnumerable<string> MatchPhrases() =>
        fixture.Catalog.Languages.Values.SelectMany(l => l.Guides.Values).SelectMany(g =>
            g.Match.Concat(g.DoneMatch)
                .Concat(g.Consequences is { } c ? c.Match.Concat(c.AdviceMatch).Concat(c.Items.SelectMany(i => i.Match)) : [])
                .Concat(g.Parts.SelectMany(p => p.Match))
                .Concat(g.Steps.SelectMany(s => s.Match))
                .Concat(g.Reasons is { } r ? r.Match.Concat(r.Options.SelectMany(o => o.Match)) : []));

    private IReadOnlyList<EvaluationCase> Load(string file) =>
        EvaluationSet.Load(Path.Combine(RepositoryPaths.Root, "tests", "HelpBot.Understanding.Tests", file), fixture.Catalog.DefaultGuide);

    private EvaluationReport Evaluate(string file) => Evaluator.Run(fixture.Understanding, fixture.Catalog, Load(file));
}
