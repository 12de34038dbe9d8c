using System.ComponentModel.DataAnnotations;

namespace HelpBot.Understanding;

/// <summary>Section <c>Understanding</c>: how sure free-text matching must be before it answers with a section.</summary>
public sealed class UnderstandingOptions
{
    public const string SectionName = "Understanding";

    /// <summary>
    /// Lowest confidence (share of the message's idf-weighted words that the best section accounts for) that
    /// still answers with that section; below it the bot says it did not understand. Default 0.6.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.6;

    /// <summary>Weight of a section's long texts against its short match phrases, titles and options. Default 0.5.</summary>
    [Range(0.0, 1.0)]
    public float TextWeight { get; set; } = 0.5f;

    /// <summary>Words of a message that are read; the rest of a very long message is ignored. Default 40.</summary>
    [Range(1, 200)]
    public int MaxWords { get; set; } = 40;
}
