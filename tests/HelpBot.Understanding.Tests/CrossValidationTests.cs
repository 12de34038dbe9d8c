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
/// under the figures measured with the current data and defaults (README: top-1 87.6 %, 3.6 % wrong, 97.3 % answered
/// or offered, 94.3 % off-topic fallback, 71 % small talk), so a change that loses answers fails here. They are lower
/// than before issue 24 because its training sets (long stories, plain descriptions, vague wordings and the nearby
/// questions that share their words) made the folds harder: the previous reader scored 87.2 %, 3.4 %, 97.2 % and
/// 94.4 % on the folds before the blind set holdout16 was added. Issue 25's nearby-2026-12 set (300 off-topic
/// questions about things next to the guide) took answered-or-offered to 96.8 % and top-1 to 87.2 %, and raised the
/// off-topic fallback to 95.3 %: the answered-or-offered floor moved from 97 % to 96.5 % for it.
/// </summary>
public sealed class CrossValidationTests(CrossValidationFixture fixture) : IClassFixture<CrossValidationFixture>
{
    private EvaluationFigures Figures => fixture.Report.Figures;

    [Fact]
    public void TopOneAccuracy_IsAtLeast87Percent() =>
        Assert.True(Figures.TopOneAccuracy >= 0.87, fixture.Report.Format());

    [Fact]
    public void WrongSections_AreAtMost4PercentOfOnTopicMessages() =>
        Assert.True(Figures.OnTopicWrong <= 0.04 * Figures.OnTopic, $"{Figures.OnTopicWrong} of {Figures.OnTopic}");

    [Fact]
    public void RightSection_IsAnsweredOrOfferedForAtLeast96AndAHalfPercent() =>
        Assert.True(Figures.AnsweredOrOfferedRate >= 0.965, $"{Figures.AnsweredOrOffered} of {Figures.OnTopic}");

    [Fact]
    public void OffTopicMessages_FallBackAtLeast94PercentOfTheTime() =>
        Assert.True(Figures.OffTopicFallbackRate >= 0.94, $"{Figures.OffTopicFellBack} of {Figures.OffTopic}");

    [Fact]
    public void SmallTalk_IsRecognisedMoreOftenThanNot() =>
        Assert.True(Figures.SmallTalk > 100 && Figures.SmallTalkRight >= 0.65 * Figures.SmallTalk, $"{Figures.SmallTalkRight} of {Figures.SmallTalk}");

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
