using System.ComponentModel.DataAnnotations;

namespace HelpBot.Understanding;

/// <summary>
/// Section <c>Understanding</c>: how sure the trained reader must be to answer or to offer. The defaults are the
/// thresholds chosen by cross-validation (<c>eval --cv 5</c> prints the sweep they were chosen from).
/// </summary>
public sealed class UnderstandingOptions
{
    public const string SectionName = "Understanding";

    /// <summary>
    /// Lowest probability of the likeliest section (or small-talk intent) that answers with it. Below it, the bot offers
    /// the likeliest sections as buttons ("Did you mean…?") or falls back.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AnswerConfidence { get; set; } = 0.45;

    /// <summary>Lowest probability of a section offered as a button when the bot is not sure enough to answer.</summary>
    [Range(0.0, 1.0)]
    public double OfferConfidence { get; set; } = 0.15;

    /// <summary>
    /// Lowest likeness of a message to a saved answer's title or questions that answers with it, when no guide section
    /// answers (<c>eval --saved</c> measures it): likeness of words, so it is kept high; a moderator's label from
    /// <c>/review</c> adds a question and widens what it answers.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SavedAnswerLikeness { get; set; } = 0.25;

    /// <summary>Lowest likeness of a saved answer offered as a button when the bot is not sure enough to answer.</summary>
    [Range(0.0, 1.0)]
    public double SavedOfferLikeness { get; set; } = 0.1;

    /// <summary>
    /// Where trained models are kept between starts, by a digest of their training data, so a start with unchanged
    /// content loads the model instead of training it. Empty: never kept. Default: the system's temporary folder.
    /// </summary>
    public string? ModelDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "helpbot-models");
}
