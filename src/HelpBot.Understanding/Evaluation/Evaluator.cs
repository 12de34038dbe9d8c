using HelpBot.Engine.Content;

namespace HelpBot.Understanding.Evaluation;

/// <summary>Runs labelled messages through the understanding by the rule the engine answers with, and scores the answers.</summary>
public static class Evaluator
{
    public static EvaluationReport Run(LuceneTextUnderstanding understanding, ContentCatalog catalog, IEnumerable<EvaluationCase> cases)
    {
        ArgumentNullException.ThrowIfNull(understanding);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(cases);
        var outcomes = cases.Select(c =>
        {
            var explanation = understanding.Explain(c.Message);
            // The engine's answer, decided from this same ranking rather than ranking the message again.
            var match = understanding.Decide(explanation, understanding.MinConfidence);
            var correct = c.Expected is { } expected
                ? match is { } m && TopicNames.Answer(m.Topic, catalog) == TopicNames.Answer(expected, catalog)
                : match is null;
            var suggested = match is null ? understanding.Suggest(explanation) : [];
            return new EvaluationOutcome(c, match?.Topic, match?.Confidence ?? 0, correct, explanation, suggested);
        }).ToArray();
        return new EvaluationReport(outcomes, catalog.DefaultGuide, t => TopicNames.Answer(t, catalog), (result, threshold) => understanding.Decide(result, threshold)?.Topic);
    }
}
