using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Evaluation;

/// <summary>One labelled user message. <see cref="Expected"/> is null for an off-topic message that must fall back.</summary>
public sealed record EvaluationCase(int Line, string Language, Topic? Expected, string Kind, string Message)
{
    public bool IsOffTopic => Expected is null;
}
