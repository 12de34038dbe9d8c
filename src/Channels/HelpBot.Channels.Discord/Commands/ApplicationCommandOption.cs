namespace HelpBot.Channels.Discord.Commands;

/// <summary>A string option of a slash command (type 3).</summary>
internal sealed record ApplicationCommandOption(
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> NameLocalizations,
    IReadOnlyDictionary<string, string> DescriptionLocalizations,
    int? MaxLength,
    IReadOnlyList<ApplicationCommandOptionChoice>? Choices)
{
    public const int StringType = 3;

    public int Type { get; } = StringType;

    public bool Required { get; init; }
}
