namespace HelpBot.Channels.Discord.Rendering;

/// <summary>A row of up to five buttons under a message.</summary>
internal sealed record ActionRowComponent(IReadOnlyList<ButtonComponent> Components)
{
    public int Type { get; } = 1;
}
