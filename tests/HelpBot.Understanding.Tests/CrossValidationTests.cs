using HelpBot.Engine.Content;
using HelpBot.Tests;
using HelpBot.Understanding.Evaluation;

namespace HelpBot.Understanding.Tests;

/// <summary>5-fold cross-validation over the content's training data, run once for the class (five trainings).</summary>
public sealed class CrossValidationFixture
{
    public CrossValidationFixture()
    {
        Catalog = ContentLoader.Load(RepositoryPaths.Content);
        Report = new Evaluator(Catalog, new UnderstandingOptions()).CrossValidate(5);
    }

    public ContentCatalog Catalog { get; }

    public EvaluationReport Report { get; }
}

/// <summary>
/// The reader's floors, measured honestly: every message is read by a model that never saw it. The floors sit just
/// under the figures measured with the current data and defaults (README: top-1 91.3 %, 2.1 % wrong, 98.4 % answered
/// or offered, 97.3 % off-topic fallback, 66 % small talk), so a change that loses answers fails here. They are below the goals
/// (93 %, 2 %, 98 %, 97 %) since the December set of stories, slang, translit and near-miss questions was added: it made
/// the folds harder and the blind figures better.
/// </summary>
public sealed class CrossValidationTests(CrossValidationFixture fixture) : IClassFixture<CrossValidationFixture>
{
    private EvaluationFigures Figures => fixture.Report.Figures;

    [Fact]
    public void TopOneAccuracy_IsAtLeast89AndAHalfPercent() =>
        Assert.True(Figures.TopOneAccuracy >= 0.895, fixture.Report.Format());

    [Fact]
    public void WrongSections_AreAtMost2AndAHalfPercentOfOnTopicMessages() =>
        Assert.True(Figures.OnTopicWrong <= 0.025 * Figures.OnTopic, $"{Figures.OnTopicWrong} of {Figures.OnTopic}");

    [Fact]
    public void RightSection_IsAnsweredOrOfferedForAtLeast97AndAHalfPercent() =>
        Assert.True(Figures.AnsweredOrOfferedRate >= 0.975, $"{Figures.AnsweredOrOffered} of {Figures.OnTopic}");

    [Fact]
    public void OffTopicMessages_FallBackAtLeast96PercentOfTheTime() =>
        Assert.True(Figures.OffTopicFallbackRate >= 0.96, $"{Figures.OffTopicFellBack} of {Figures.OffTopic}");

    [Fact]
    public void SmallTalk_IsRecognisedMoreOftenThanNot() =>
        Assert.True(Figures.SmallTalk > 100 && Figures.SmallTalkRight >= 0.6 * Figures.SmallTalk, $"{Figures.SmallTalkRight} of {Figures.SmallTalk}");

    [Fact]
    public void EveryMessage_IsMeasuredOnceInBothLanguages()
    {
        var messages = fixture.Catalog.Languages.Values.SelectMany(p => p.Guides.Values.SelectMany(g => g.Examples).Select(e => e.Text)
            .Concat(p.SmallTalk.SelectMany(i => i.Examples))).Select(Engine.Content.ExamplesFile.Key).Distinct().Count();
        Assert.InRange(fixture.Report.Outcomes.Count, messages - 50, messages);
        Assert.Equal(["en", "ru"], fixture.Report.Outcomes.Select(o => o.Case.Language).Distinct().Order());
    }

    /// <summary>A lower threshold answers more and errs more: the sweep the defaults were chosen from is monotonic.</summary>
    [Fact]
    public void ThresholdSweep_TradesAnswersForErrors()
    {
        var (low, high) = (fixture.Report.At(0.3), fixture.Report.At(0.7));
        Assert.True(low.Right > high.Right && low.WrongSections > high.WrongSections);
    }
}
