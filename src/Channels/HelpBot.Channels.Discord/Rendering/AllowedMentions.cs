namespace HelpBot.Channels.Discord.Rendering;

/// <summary>Which mentions in a message may ping. The bot never pings anyone, whatever a user typed.</summary>
internal sealed record AllowedMentions(IReadOnlyList<string> Parse)
{
    public static readonly AllowedMentions None = new([]);
}
