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
            // The engine's reading, decided from this same ranking rather than ranking the message again.
            var reading = understanding.Read(explanation);
            var match = reading.Match;
            var correct = c.Expected is { } expected
                ? match is { } m && TopicNames.Answer(m.Topic, catalog) == TopicNames.Answer(expected, catalog)
                : match is null;
            return new EvaluationOutcome(c, match?.Topic, match?.Confidence ?? 0, correct, explanation, reading.Suggestions);
        }).ToArray();
        return new EvaluationReport(outcomes, catalog.DefaultGuide, t => TopicNames.Answer(t, catalog), (result, threshold) => understanding.Decide(result, threshold)?.Topic);
    }
}
