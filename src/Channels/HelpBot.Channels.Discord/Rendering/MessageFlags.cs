namespace HelpBot.Channels.Discord.Rendering;

/// <summary>The message flags this bot sets.</summary>
[Flags]
internal enum MessageFlags
{
    None = 0,

    /// <summary>Only the user who used the command or button sees the message.</summary>
    Ephemeral = 1 << 6,
}
