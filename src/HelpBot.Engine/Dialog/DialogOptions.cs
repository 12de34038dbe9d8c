using System.ComponentModel.DataAnnotations;

namespace HelpBot.Engine.Dialog;

/// <summary>Section <c>Dialog</c>: limits of the dialog engine.</summary>
public sealed class DialogOptions
{
    public const string SectionName = "Dialog";

    /// <summary>Longest free text accepted (questions, comments); longer messages get a clear refusal. Default 2000.</summary>
    [Range(10, 3500)]
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>
    /// Free text answered with a probability below this goes to the moderators' review queue (<c>/review</c>) as well
    /// as being answered. Default 0.7; 0 sends none.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ReviewConfidence { get; set; } = 0.7;
}
