namespace HelpBot.Channels.Discord.Rendering;

/// <summary>A modal field: a label, an optional description, and the input itself.</summary>
internal sealed record LabelComponent(string Label, string? Description, TextInputComponent Component)
{
    public int Type { get; } = 18;
}
