namespace HelpBot.Channels.Discord.Commands;

/// <summary>The text a command takes, passed to the engine as the command's argument; <see cref="OffersLanguages"/> lists the content's languages as choices.</summary>
internal sealed record SlashCommandOption(string Name, string RussianName, DiscordText Description, bool OffersLanguages = false);
