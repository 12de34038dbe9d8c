namespace HelpBot.Channels.Discord.Rendering;

/// <summary>A modal: a title and up to five labelled inputs.</summary>
internal sealed record ModalPayload(string CustomId, string Title, IReadOnlyList<LabelComponent> Components) : CallbackData;
