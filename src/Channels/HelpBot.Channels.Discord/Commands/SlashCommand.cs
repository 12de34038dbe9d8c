namespace HelpBot.Channels.Discord.Commands;

/// <summary>
/// One slash command: its name (the engine's command of the same name), its Russian name and description, and the
/// text options whose values, joined by spaces in this order, become the command's argument.
/// </summary>
internal sealed record SlashCommand(string Name, string RussianName, DiscordText Description, params IReadOnlyList<SlashCommandOption> Options)
{
    /// <summary>Shown by default only to members who can manage messages; the engine still checks the moderator flag itself.</summary>
    public bool ForModerators { get; init; }
}
