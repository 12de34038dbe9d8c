namespace HelpBot.Understanding.Index;

/// <summary>What the index made of a message: the words it searched for (after repair) and the ranked topics.</summary>
public sealed record MatchResult(IReadOnlyList<string> Words, IReadOnlyList<TopicCandidate> Candidates)
{
    public static readonly MatchResult Nothing = new([], []);

    public TopicCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;

    /// <summary>
    /// The message asks how to do something ("как", "куда", "how") but names none of the best topic's guide's task
    /// words (content <c>task_words:</c>): it asks about another task than the guide's.
    /// </summary>
    public bool AsksAnotherTask { get; init; }

    /// <summary>What the message's question words ask for: what comes of something, where something is.</summary>
    public QuestionKind Asks { get; init; }
}
