namespace HelpBot.Channels.Discord.Commands;

/// <summary>One fixed value a string option offers, e.g. a language.</summary>
internal sealed record ApplicationCommandOptionChoice(string Name, string Value);
