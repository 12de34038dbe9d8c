using System.Globalization;
using System.Text;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Model;

namespace HelpBot.Understanding.Evaluation;

/// <summary>The figures of one evaluation run, and the same figures at other answer thresholds.</summary>
/// <param name="screenOf">The screen a section opens (a part opens its first sub-step): two labels of one screen are one answer.</param>
public sealed class EvaluationReport
{
    private static readonly double[] SweptThresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8];
    private readonly string _source;
    private readonly string _defaultGuide;
    private readonly Func<Topic, Topic> _screenOf;
    private readonly Reader _reader;

    internal EvaluationReport(IReadOnlyList<EvaluationOutcome> outcomes, string source, string defaultGuide, Func<Topic, Topic> screenOf, Reader reader, double answerConfidence)
    {
        Outcomes = outcomes;
        _source = source;
        _defaultGuide = defaultGuide;
        _screenOf = screenOf;
        _reader = reader;
        AnswerConfidence = answerConfidence;
        Figures = FiguresOf(outcomes.Select(o => (o.Case, o.Answered, o.Offered)).ToArray());
    }

    public IReadOnlyList<EvaluationOutcome> Outcomes { get; }

    /// <summary>What was measured: the file, the folds, the set left out.</summary>
    public string Source => _source;

    public double AnswerConfidence { get; }

    /// <summary>The figures at the configured answer threshold.</summary>
    public EvaluationFigures Figures { get; }

    /// <summary>The figures the same model would give at another answer threshold.</summary>
    public EvaluationFigures At(double answerConfidence) =>
        FiguresOf(Outcomes.Select(o =>
        {
            var reading = _reader.Decide(o.Ranked, o.Saved, answerConfidence);
            return (o.Case, reading.Match?.Topic, reading.Suggestions);
        }).ToArray());

    public string Format()
    {
        var f = Figures;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"evaluation: {_source} ({Outcomes.Count} messages: {f.OnTopic} on topic, {f.SmallTalk} small talk, {f.OffTopic} off topic; answer at {AnswerConfidence:F2})");
        text.AppendLine(CultureInfo.InvariantCulture, $"top-1 accuracy: {f.TopOneAccuracy:P1} ({f.Right}/{f.OnTopic})");
        text.AppendLine(CultureInfo.InvariantCulture, $"off-topic fallback rate: {f.OffTopicFallbackRate:P1} ({f.OffTopicFellBack}/{f.OffTopic})");
        text.AppendLine(CultureInfo.InvariantCulture, $"wrong sections: {f.WrongSections} ({f.OnTopicWrong} on topic, {Share(f.OnTopicWrong, f.OnTopic):P1} of them; {f.WrongSections - f.OnTopicWrong} off topic or small talk)");
        text.AppendLine(CultureInfo.InvariantCulture, $"answered or offered: {Share(f.AnsweredOrOffered, f.OnTopic):P1} ({f.AnsweredOrOffered}/{f.OnTopic}: the right section answered, or offered as a button when not sure or under \"Not what I asked\")");
        text.AppendLine(CultureInfo.InvariantCulture, $"small talk: {Share(f.SmallTalkRight, f.SmallTalk):P1} ({f.SmallTalkRight}/{f.SmallTalk})");
        text.AppendLine("by language and kind (right / all; wrong sections, not answered):");
        foreach (var group in Outcomes.GroupBy(o => (o.Case.Language, o.Case.Kind)).OrderBy(g => g.Key.Language, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal))
        {
            var right = group.Count(o => IsRight(o.Case, o.Answered));
            var wrong = group.Count(o => IsWrongSection(o.Case, o.Answered));
            var unanswered = group.Count(o => o.Answered is null);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key.Language} {group.Key.Kind,-11} {Share(right, group.Count()),7:P1} ({right}/{group.Count()}; {wrong} wrong, {unanswered} not answered)");
        }
        text.AppendLine("by answer threshold (top-1 / off-topic fallback / wrong sections / answered or offered):");
        foreach (var threshold in SweptThresholds)
        {
            var at = At(threshold);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {threshold:F2}: {at.TopOneAccuracy,7:P1} / {at.OffTopicFallbackRate,7:P1} / {at.WrongSections,3} / {Share(at.AnsweredOrOffered, at.OnTopic),7:P1}");
        }
        var misses = Outcomes.Where(o => !IsRight(o.Case, o.Answered)).ToArray();
        if (misses.Length > 0)
        {
            text.AppendLine("misses:");
            foreach (var miss in misses)
                text.AppendLine(Describe(miss));
        }
        return text.ToString();
    }

    private EvaluationFigures FiguresOf(IReadOnlyList<(EvaluationCase Case, Topic? Answered, IReadOnlyList<Topic> Offered)> outcomes)
    {
        var onTopic = outcomes.Where(o => o.Case.IsOnTopic).ToArray();
        return new EvaluationFigures(
            OnTopic: onTopic.Length,
            Right: onTopic.Count(o => IsRight(o.Case, o.Answered)),
            OnTopicWrong: onTopic.Count(o => IsWrongSection(o.Case, o.Answered)),
            AnsweredOrOffered: onTopic.Count(o => IsRight(o.Case, o.Answered) || o.Offered.Any(t => _screenOf(t) == _screenOf(o.Case.Expected!.Value))),
            OffTopic: outcomes.Count(o => o.Case.IsOffTopic),
            OffTopicFellBack: outcomes.Count(o => o.Case.IsOffTopic && IsRight(o.Case, o.Answered)),
            SmallTalk: outcomes.Count(o => o.Case.IsSmallTalk),
            SmallTalkRight: outcomes.Count(o => o.Case.IsSmallTalk && IsRight(o.Case, o.Answered)),
            WrongSections: outcomes.Count(o => IsWrongSection(o.Case, o.Answered)));
    }

    /// <summary>
    /// A section is right when it opens the expected screen; small talk when it is the expected intent; an off-topic
    /// message is right when it gets no section (a small-talk reply is no harm to it).
    /// </summary>
    private bool IsRight(EvaluationCase c, Topic? answered) => c.Expected switch
    {
        null => answered is not { Kind: not TopicKind.SmallTalk },
        { Kind: TopicKind.SmallTalk } expected => answered == expected,
        { } expected => answered is { } a && a.Kind != TopicKind.SmallTalk && _screenOf(a) == _screenOf(expected),
    };

    /// <summary>The harmful error: a section the message did not ask about.</summary>
    private bool IsWrongSection(EvaluationCase c, Topic? answered) =>
        answered is { Kind: not TopicKind.SmallTalk } a && !(c.Expected is { } e && _screenOf(a) == _screenOf(e));

    private string Describe(EvaluationOutcome outcome)
    {
        string Name(Topic? t) => t is { } topic ? TopicNames.Format(topic, _defaultGuide) : TopicNames.OffTopic;
        var offered = string.Join(", ", outcome.Offered.Select(t => Name(t)));
        var got = outcome.Answered is { } a ? Name(a) + (offered.Length > 0 ? ", then offering " + offered : "")
            : offered.Length == 0 ? "fallback" : "fallback offering " + offered;
        var ranked = string.Join(", ", outcome.Ranked.Take(3).Select(s => string.Create(CultureInfo.InvariantCulture, $"{Name(s.Topic)} {s.Probability:F2}")));
        return $"  {outcome.Case.Source} [{outcome.Case.Language} {outcome.Case.Kind}] \"{outcome.Case.Message}\": expected {Name(outcome.Case.Expected)}, got {got}; ranked {ranked}";
    }

    public static double Share(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}

/// <summary>Counts of one evaluation at one threshold; the rates follow from them.</summary>
public sealed record EvaluationFigures(int OnTopic, int Right, int OnTopicWrong, int AnsweredOrOffered, int OffTopic, int OffTopicFellBack, int SmallTalk, int SmallTalkRight, int WrongSections)
{
    public double TopOneAccuracy => EvaluationReport.Share(Right, OnTopic);

    public double OffTopicFallbackRate => EvaluationReport.Share(OffTopicFellBack, OffTopic);

    public double AnsweredOrOfferedRate => EvaluationReport.Share(AnsweredOrOffered, OnTopic);
}
