namespace HelpBot.Channels.Discord.Commands;

/// <summary>One slash command: its name (the engine's command of the same name), its Russian name, description and at most one text option.</summary>
internal sealed record SlashCommand(string Name, string RussianName, DiscordText Description, SlashCommandOption? Option = null);
