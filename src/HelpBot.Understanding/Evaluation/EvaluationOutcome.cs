using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Index;

namespace HelpBot.Understanding.Evaluation;

/// <summary>
/// What the bot did with one labelled message: the section it answered with (null: it fell back, offering
/// <see cref="Suggested"/>; with an answer, <see cref="Suggested"/> are offered under "not what I asked") and why.
/// </summary>
public sealed record EvaluationOutcome(EvaluationCase Case, Topic? Answered, double Confidence, bool Correct, MatchResult Explanation, IReadOnlyList<Topic> Suggested);
