using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Index;

/// <summary>
/// A topic a message may be about. <see cref="Score"/> is the BM25 ranking score; <see cref="Confidence"/>
/// is the share of the message's information (idf-weighted words) that this topic's texts account for.
/// </summary>
public readonly record struct TopicCandidate(Topic Topic, float Score, double Confidence);
