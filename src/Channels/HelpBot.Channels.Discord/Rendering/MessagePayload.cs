using System.Text.Json.Serialization;
using HelpBot.Engine.Dialog;

namespace HelpBot.Channels.Discord.Rendering;

/// <summary>A message as Discord takes it in interaction responses, follow-ups and edits. Empty <see cref="Components"/> removes old buttons; null leaves them.</summary>
internal sealed record MessagePayload(string? Content, IReadOnlyList<ActionRowComponent>? Components) : CallbackData
{
    public MessageFlags? Flags { get; init; }

    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    /// <summary>Describes <see cref="Files"/>: <c>id</c> n is the multipart part <c>files[n]</c>.</summary>
    public IReadOnlyList<AttachmentPayload>? Attachments { get; init; }

    /// <summary>Uploaded as multipart parts next to the JSON, so such a message can only go through REST, never in a response body.</summary>
    [JsonIgnore]
    public IReadOnlyList<Attachment> Files { get; init; } = [];

    public MessagePayload AsEphemeral() => this with { Flags = MessageFlags.Ephemeral };
}
