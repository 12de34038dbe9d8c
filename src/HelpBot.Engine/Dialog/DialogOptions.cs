namespace HelpBot.Engine.Dialog;

/// <summary>Limits of the dialog engine.</summary>
public sealed class DialogOptions
{
    /// <summary>Longest free text accepted (questions, comments); longer messages get a clear refusal. Default 2000.</summary>
    public int MaxTextLength { get; set; } = 2000;
}
