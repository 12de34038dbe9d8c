using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Evaluation;

/// <summary>
/// One labelled user message and where it is written (<c>file:line</c>). <see cref="Expected"/> is null for an
/// off-topic message, which must get no section.
/// </summary>
public sealed record EvaluationCase(string Source, string Language, Topic? Expected, string Kind, string Message)
{
    public bool IsOffTopic => Expected is null;

    public bool IsSmallTalk => Expected is { Kind: TopicKind.SmallTalk };

    /// <summary>Whether the message asks about a guide's section.</summary>
    public bool IsOnTopic => Expected is { Kind: not TopicKind.SmallTalk };
}

/// <summary>
/// What the bot did with one labelled message: the section or small talk it answered with (null: it did not answer,
/// offering <see cref="Offered"/>; with an answer, <see cref="Offered"/> are shown under "Not what I asked"), and the
/// model's ranked labels it decided from, so the evaluation can sweep the threshold.
/// </summary>
public sealed record EvaluationOutcome(EvaluationCase Case, Topic? Answered, IReadOnlyList<Topic> Offered, IReadOnlyList<(Topic? Topic, double Probability)> Ranked)
{
    /// <summary>The saved answers by likeness, the likeliest first (none without saved answers).</summary>
    public IReadOnlyList<(Topic? Topic, double Probability)> Saved { get; init; } = [];
}
