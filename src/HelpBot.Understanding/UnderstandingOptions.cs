using System.ComponentModel.DataAnnotations;

namespace HelpBot.Understanding;

/// <summary>Section <c>Understanding</c>: how sure free-text matching must be before it answers with a section.</summary>
public sealed class UnderstandingOptions
{
    public const string SectionName = "Understanding";

    /// <summary>
    /// Lowest confidence (share of the message's idf-weighted words that the best section accounts for) that
    /// still answers with that section; below it the bot says it did not understand. Default 0.55, the lowest value
    /// at which no off-topic message of the evaluation set gets a section.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.55;

    /// <summary>
    /// Lowest confidence at which a section the bot is not sure enough to answer with is still offered as a choice
    /// ("maybe you meant …"). Below <see cref="MinConfidence"/>; default 0.3.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SuggestConfidence { get; set; } = 0.3;

    /// <summary>
    /// Lowest BM25 score of a section offered as a choice. Offers need more evidence than answers do, because they are
    /// made for messages that explain little of themselves: one guide word in small talk ("write me a poem" has "write")
    /// must not turn the menu into a list of unrelated steps. Default 7, at which 2 of the 70 off-topic messages of the
    /// evaluation sets get an offer (the AliExpress overview for deleting an account elsewhere).
    /// </summary>
    [Range(0.0, 100.0)]
    public double SuggestMinScore { get; set; } = 7;

    /// <summary>
    /// Lowest BM25 score of the best section that still answers: a single common word found only in a long text
    /// ("time" in "at any time") is too little evidence even when it is the message's only word. Default 2.5.
    /// </summary>
    [Range(0.0, 100.0)]
    public double MinScore { get; set; } = 2.5;

    /// <summary>Weight of a section's long texts against its short match phrases, titles and options. Default 0.8.</summary>
    [Range(0.0, 1.0)]
    public float TextWeight { get; set; } = 0.8f;

    /// <summary>
    /// Weight, against a rare unknown word, of a message word the guide does not know but that is an ordinary word of
    /// its language ("box", "каждый"): it lowers the confidence less than another site's name does. Default 0.5.
    /// </summary>
    [Range(0.0, 1.0)]
    public float CommonWordWeight { get; set; } = 0.5f;

    /// <summary>Words of a message that are read; the rest of a very long message is ignored. Default 40.</summary>
    [Range(1, 200)]
    public int MaxWords { get; set; } = 40;
}
