namespace HelpBot.Understanding.Index;

/// <summary>What the index made of a message: the words it searched for (after repair) and the ranked topics.</summary>
public sealed record MatchResult(IReadOnlyList<string> Words, IReadOnlyList<TopicCandidate> Candidates)
{
    public static readonly MatchResult Nothing = new([], []);

    public TopicCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;
}
