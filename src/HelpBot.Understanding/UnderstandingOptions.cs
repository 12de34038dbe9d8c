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
    /// Where trained models are kept between starts, by a digest of their training data, so a start with unchanged
    /// content loads the model instead of training it. Empty: never kept. Default: the system's temporary folder.
    /// </summary>
    public string? ModelDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "helpbot-models");
}
