using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Index;

/// <summary>
/// A topic a message may be about. <see cref="Score"/> is the BM25 ranking score; <see cref="Confidence"/>
/// is the share of the message's information (idf-weighted words) that this topic's texts account for.
/// </summary>
public readonly record struct TopicCandidate(Topic Topic, float Score, double Confidence)
{
    /// <summary>
    /// What topics are ordered by: the score, scaled by how much of the message the topic explains, so that a topic
    /// knowing every word of "что я потеряю если удалю профиль" can beat one that matches only "удалю профиль" better.
    /// </summary>
    public double Rank => Score * Math.Sqrt(Confidence);

    /// <summary>The message quotes this topic's form option (<see cref="OptionQuotes"/>): no other reading contests it.</summary>
    public bool IsQuote { get; init; }
}
