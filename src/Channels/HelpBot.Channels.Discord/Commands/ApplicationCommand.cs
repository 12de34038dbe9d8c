namespace HelpBot.Channels.Discord.Commands;

/// <summary>A chat-input (slash) command as sent to the bulk-overwrite endpoint.</summary>
internal sealed record ApplicationCommand(
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> NameLocalizations,
    IReadOnlyDictionary<string, string> DescriptionLocalizations,
    IReadOnlyList<ApplicationCommandOption>? Options)
{
    public const int ChatInputType = 1;

    public int Type { get; } = ChatInputType;

    /// <summary>Permission bits a member needs to see the command by default; null for everyone.</summary>
    public uint? DefaultMemberPermissions { get; init; }
}
