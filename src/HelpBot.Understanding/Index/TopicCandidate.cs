using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Index;

/// <summary>
/// A topic a message may be about. <see cref="Score"/> is the BM25 ranking score; <see cref="Coverage"/> is the share
/// of the message's information (idf-weighted words) that this topic's own texts account for, and <see cref="Confidence"/>
/// the share its own texts and its enclosing section's account for together: "got ripped off by a seller, what reason
/// do I pick" is the scam option's story asked in the words of the list of reasons.
/// </summary>
public readonly record struct TopicCandidate(Topic Topic, float Score, double Coverage, double Confidence)
{
    /// <summary>
    /// What topics are ordered by: the score, scaled by how much of the message the topic explains, so that a topic
    /// knowing every word of "что я потеряю если удалю профиль" can beat one that matches only "удалю профиль" better.
    /// Its own texts only: every sub-step would otherwise explain as much as its part, and outrank it on the part's own words.
    /// </summary>
    public double Rank => Score * Math.Sqrt(Coverage);

    /// <summary>The message quotes this topic's form option (<see cref="OptionQuotes"/>): no other reading contests it.</summary>
    public bool IsQuote { get; init; }

    /// <summary>The section that lists this topic (the consequences, the list of reasons), or null.</summary>
    public Topic? List { get; init; }

    /// <summary>
    /// The rank from only the words <see cref="List"/>'s own texts lack: how this topic stands against the others of its
    /// list once the words they all share ("после деактивации", "which reason") are set aside.
    /// </summary>
    public double DistinctRank { get; init; }

    /// <summary>Which of the message's question kinds the topic's texts have words of ("что будет", "где").</summary>
    public QuestionKind Answers { get; init; }

    /// <summary>The message puts one of this topic's words in the past tense: "i pressed the final button" tells the step is done.</summary>
    public bool IsNarrated { get; init; }
}
