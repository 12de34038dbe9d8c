using System.Globalization;
using System.Text;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Index;

namespace HelpBot.Understanding.Evaluation;

/// <summary>The figures of one evaluation run.</summary>
/// <param name="answer">The screen a topic opens (a part opens its first step).</param>
/// <param name="decide">The understanding's answer for a ranked message at a confidence threshold.</param>
public sealed class EvaluationReport(
    IReadOnlyList<EvaluationOutcome> outcomes,
    string defaultGuide,
    Func<Topic, Topic> answer,
    Func<MatchResult, double, Topic?> decide)
{
    private readonly Func<Topic, Topic> _answer = answer;
    private readonly Func<MatchResult, double, Topic?> _decide = decide;

    public IReadOnlyList<EvaluationOutcome> Outcomes { get; } = outcomes;

    public IReadOnlyList<EvaluationOutcome> OnTopic { get; } = outcomes.Where(o => !o.Case.IsOffTopic).ToArray();

    public IReadOnlyList<EvaluationOutcome> OffTopic { get; } = outcomes.Where(o => o.Case.IsOffTopic).ToArray();

    /// <summary>On-topic messages answered with the expected section, over all on-topic messages.</summary>
    public double TopOneAccuracy => Share(OnTopic.Count(o => o.Correct), OnTopic.Count);

    /// <summary>Off-topic messages that fell back to the menu, over all off-topic messages.</summary>
    public double OffTopicFallbackRate => Share(OffTopic.Count(o => o.Correct), OffTopic.Count);

    /// <summary>Messages answered with a section that was not the expected one (off-topic ones included): the harmful errors.</summary>
    public int WrongAnswers => Outcomes.Count(o => !o.Correct && o.Answered is not null);

    /// <summary>On-topic messages the bot was not sure about and answered with the menu instead.</summary>
    public int OnTopicFallbacks => OnTopic.Count(o => o.Answered is null);

    /// <summary>On-topic messages that fell back but offered the expected section among the choices.</summary>
    public int FallbacksOfferingExpected => OnTopic.Count(o => o.Answered is null && o.Case.Expected is { } expected
        && o.Suggested.Any(s => _answer(s) == _answer(expected)));

    /// <summary>On-topic messages answered with a wrong section.</summary>
    public int OnTopicWrongAnswers => OnTopic.Count(o => !o.Correct && o.Answered is not null);

    /// <summary>On-topic messages answered with a wrong section whose "not what I asked" offers the expected one.</summary>
    public int WrongAnswersOfferingExpected => OnTopic.Count(o => !o.Correct && o.Answered is not null && o.Case.Expected is { } expected
        && o.Suggested.Any(s => _answer(s) == _answer(expected)));

    /// <summary>Off-topic messages that fell back with sections offered anyway (harmless, but noise).</summary>
    public int OffTopicWithSuggestions => OffTopic.Count(o => o.Answered is null && o.Suggested.Count > 0);

    public string Format(string source)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"evaluation: {source} ({Outcomes.Count} messages: {OnTopic.Count} on topic, {OffTopic.Count} off topic)");
        text.AppendLine(CultureInfo.InvariantCulture, $"top-1 accuracy: {TopOneAccuracy:P1} ({OnTopic.Count(o => o.Correct)}/{OnTopic.Count})");
        text.AppendLine(CultureInfo.InvariantCulture, $"off-topic fallback rate: {OffTopicFallbackRate:P1} ({OffTopic.Count(o => o.Correct)}/{OffTopic.Count})");
        text.AppendLine(CultureInfo.InvariantCulture, $"wrong sections: {WrongAnswers}; on-topic messages that fell back: {OnTopicFallbacks}");
        text.AppendLine(CultureInfo.InvariantCulture, $"fallbacks offering the expected section: {FallbacksOfferingExpected}/{OnTopicFallbacks}; off-topic messages offered sections: {OffTopicWithSuggestions}/{OffTopic.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"wrong sections on topic whose \"not what I asked\" offers the expected section: {WrongAnswersOfferingExpected}/{OnTopicWrongAnswers}");
        text.AppendLine("by language and kind (right / all; wrong sections, fallbacks):");
        foreach (var group in Outcomes.GroupBy(o => (o.Case.Language, o.Case.Kind)).OrderBy(g => g.Key.Language, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            var right = group.Count(o => o.Correct);
            var wrong = group.Count(o => !o.Correct && o.Answered is not null);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key.Language} {group.Key.Kind,-11} {Share(right, group.Count()),7:P1} ({right}/{group.Count()}; {wrong} wrong, {group.Count() - right - wrong} fell back)");
        }
        text.AppendLine("by confidence threshold (accuracy / off-topic fallback / wrong sections):");
        foreach (var threshold in SweptThresholds)
        {
            var (accuracy, fallback, wrong) = At(threshold);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {threshold:F2}: {accuracy,7:P1} / {fallback,7:P1} / {wrong}");
        }
        var misses = Outcomes.Where(o => !o.Correct).ToArray();
        if (misses.Length > 0)
        {
            text.AppendLine("misses:");
            foreach (var miss in misses)
                text.AppendLine(Describe(miss));
        }
        return text.ToString();
    }

    private static readonly double[] SweptThresholds = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];

    /// <summary>
    /// What the figures would be with another <see cref="UnderstandingOptions.MinConfidence"/>, from the same ranking
    /// and with the same rule the bot answers by (minimum score, contested runner-ups).
    /// </summary>
    public (double Accuracy, double OffTopicFallback, int Wrong) At(double threshold)
    {
        var answers = Outcomes.Select(o => (Outcome: o, Topic: _decide(o.Explanation, threshold))).ToArray();
        bool Right((EvaluationOutcome Outcome, Topic? Topic) a) => a.Outcome.Case.Expected is { } expected
            ? a.Topic is { } topic && _answer(topic) == _answer(expected)
            : a.Topic is null;
        var onTopic = answers.Where(a => !a.Outcome.Case.IsOffTopic).ToArray();
        var offTopic = answers.Where(a => a.Outcome.Case.IsOffTopic).ToArray();
        return (Share(onTopic.Count(Right), onTopic.Length), Share(offTopic.Count(Right), offTopic.Length), answers.Count(a => a.Topic is not null && !Right(a)));
    }

    private string Describe(EvaluationOutcome outcome)
    {
        var expected = outcome.Case.Expected is { } e ? TopicNames.Format(e, defaultGuide) : EvaluationSet.OffTopic;
        var offered = string.Join(", ", outcome.Suggested.Select(s => TopicNames.Format(s, defaultGuide)));
        var answered = outcome.Answered is { } a ? TopicNames.Format(a, defaultGuide) + (offered.Length > 0 ? ", then offering " + offered : "")
            : offered.Length == 0 ? "fallback"
            : "fallback offering " + offered;
        var ranked = string.Join(", ", outcome.Explanation.Candidates.Take(3).Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"{TopicNames.Format(c.Topic, defaultGuide)} {c.Score:F2}/{c.Confidence:F2}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"  line {outcome.Case.Line} [{outcome.Case.Language} {outcome.Case.Kind}] \"{outcome.Case.Message}\": expected {expected}, got {answered}; words [{string.Join(' ', outcome.Explanation.Words)}]; ranked {ranked}");
    }

    private static double Share(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
