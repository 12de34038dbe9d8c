namespace HelpBot.Channels.Discord.Rendering;

/// <summary>A text field in a modal; <see cref="Style"/> 2 is the multi-line one.</summary>
internal sealed record TextInputComponent(string CustomId, int Style, int MinLength, int MaxLength, bool Required)
{
    public const int ParagraphStyle = 2;

    public int Type { get; } = 4;
}
