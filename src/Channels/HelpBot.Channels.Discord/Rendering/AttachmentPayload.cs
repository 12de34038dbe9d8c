namespace HelpBot.Channels.Discord.Rendering;

/// <summary>A file in a message's <c>attachments</c>, matched to the upload part <c>files[Id]</c>.</summary>
internal sealed record AttachmentPayload(string Id, string Filename);
