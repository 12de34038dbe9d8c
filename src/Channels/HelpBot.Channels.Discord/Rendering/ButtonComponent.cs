namespace HelpBot.Channels.Discord.Rendering;

/// <summary>A button whose <c>custom_id</c> is the engine's action id; a press comes back as that id.</summary>
internal sealed record ButtonComponent(string Label, string CustomId)
{
    public const int SecondaryStyle = 2;

    public int Type { get; } = 2;

    public int Style { get; } = SecondaryStyle;
}
