using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Model;
using HelpBot.Understanding.Training;

namespace HelpBot.Understanding.Evaluation;

/// <summary>
/// Measures the reader honestly: a message it is measured on is never among those it was trained on. A labelled file
/// is measured by a model trained on the content without the file's messages; cross-validation trains K models, each
/// without one K-th of the training data, and measures each on the messages it did not see.
/// </summary>
public sealed class Evaluator(ContentCatalog catalog, UnderstandingOptions options, ModelSettings? settings = null)
{
    private readonly ModelSettings _settings = settings ?? new ModelSettings();

    /// <summary>The labelled messages of a file, read by a model trained on the content without them.</summary>
    public EvaluationReport Holdout(IReadOnlyList<EvaluationCase> cases, string source)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var measured = cases.Select(c => ExamplesFile.Key(c.Message)).ToHashSet(StringComparer.Ordinal);
        var training = TrainingSet.From(catalog).Where(e => !measured.Contains(ExamplesFile.Key(e.Text))).ToArray();
        return Measure(training, cases, source);
    }

    /// <summary>
    /// Stratified K-fold cross-validation over the whole training set: every example is held out once, in the fold its
    /// label's turn puts it in (labels spread evenly over the folds), and the users' messages among them are measured.
    /// </summary>
    public EvaluationReport CrossValidate(int folds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var all = TrainingSet.From(catalog);
        var foldOf = new int[all.Count];
        foreach (var group in all.Select((e, i) => (e, i)).GroupBy(x => x.e.Label))
        {
            var n = 0;
            foreach (var (_, i) in group)
                foldOf[i] = n++ % folds;
        }
        var outcomes = new List<EvaluationOutcome>();
        for (var fold = 0; fold < folds; fold++)
        {
            var training = all.Where((_, i) => foldOf[i] != fold).ToArray();
            var measured = all.Where((e, i) => foldOf[i] == fold && e.IsMessage)
                .Select(e => new EvaluationCase(e.Source, e.Language, e.Label, e.Kind, e.Text)).ToArray();
            outcomes.AddRange(Measure(training, measured, "").Outcomes);
        }
        return Report(outcomes, $"{folds}-fold cross-validation over {all.Count} training examples");
    }

    /// <summary>
    /// Leave-one-set-out over the newest <paramref name="sets"/> sets of the examples files (their <c># name:</c>
    /// groups): each set is read by a model trained without it. Random folds keep a set's near-duplicates on both
    /// sides; a set left out whole is closer to a blind set written later. One training a set.
    /// </summary>
    public IReadOnlyList<(string Set, EvaluationReport Report)> LeaveOneSetOut(int sets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sets, 1);
        var all = TrainingSet.From(catalog);
        var names = all.Select(e => e.Set).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).TakeLast(sets);
        return names.Select(set =>
        {
            var training = all.Where(e => e.Set != set).ToArray();
            var measured = all.Where(e => e.Set == set && e.IsMessage).Select(e => new EvaluationCase(e.Source, e.Language, e.Label, e.Kind, e.Text)).ToArray();
            return (set, Measure(training, measured, $"set '{set}' left out of training"));
        }).ToArray();
    }

    /// <summary>The outcomes of a report whose cases <paramref name="keep"/> selects.</summary>
    public EvaluationReport Only(EvaluationReport report, Func<EvaluationCase, bool> keep, string source)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Report(report.Outcomes.Where(o => keep(o.Case)).ToArray(), source);
    }

    /// <summary>The outcomes of several reports as one.</summary>
    public EvaluationReport Combine(IEnumerable<EvaluationReport> reports, string source) =>
        Report(reports.SelectMany(r => r.Outcomes).ToArray(), source);

    private EvaluationReport Measure(IReadOnlyList<TrainingExample> training, IReadOnlyList<EvaluationCase> cases, string source)
    {
        var model = IntentModel.Train(ContextAugmentation.Apply(training, catalog, _settings), _settings);
        var matcher = SavedAnswerMatcher.Build(training);
        var reader = new Reader(catalog, options);
        var outcomes = cases.Select(c =>
        {
            var normalized = TextNormalizer.Normalize(c.Message);
            var ranked = reader.Served(model.Rank(normalized), c.Language, Engine.Dialog.Turn.DefaultCommunity);
            var saved = reader.Served(matcher.Match(normalized), c.Language, Engine.Dialog.Turn.DefaultCommunity);
            var reading = reader.Decide(ranked, saved, options.AnswerConfidence);
            return new EvaluationOutcome(c, reading.Match?.Topic, reading.Suggestions, ranked) { Saved = saved };
        }).ToArray();
        return Report(outcomes, source);
    }

    private EvaluationReport Report(IReadOnlyList<EvaluationOutcome> outcomes, string source) =>
        new(outcomes, source, catalog.DefaultGuide, t => TopicNames.Answer(t, catalog), new Reader(catalog, options), options.AnswerConfidence);
}
