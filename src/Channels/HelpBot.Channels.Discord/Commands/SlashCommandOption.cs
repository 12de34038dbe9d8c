namespace HelpBot.Channels.Discord.Commands;

/// <summary>
/// A text option of a command. <see cref="OffersLanguages"/> lists the content's languages as choices;
/// <see cref="MaxLength"/> defaults to what fits the engine's text limit.
/// </summary>
internal sealed record SlashCommandOption(string Name, string RussianName, DiscordText Description, bool OffersLanguages = false, int? MaxLength = null);
