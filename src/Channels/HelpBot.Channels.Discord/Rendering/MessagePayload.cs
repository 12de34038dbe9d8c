namespace HelpBot.Channels.Discord.Rendering;

/// <summary>A message as Discord takes it in interaction responses, follow-ups and edits. Empty <see cref="Components"/> removes old buttons; null leaves them.</summary>
internal sealed record MessagePayload(string? Content, IReadOnlyList<ActionRowComponent>? Components) : CallbackData
{
    public MessageFlags? Flags { get; init; }

    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public MessagePayload AsEphemeral() => this with { Flags = MessageFlags.Ephemeral };
}
