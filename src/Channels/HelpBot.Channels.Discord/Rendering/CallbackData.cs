using System.Text.Json.Serialization;

namespace HelpBot.Channels.Discord.Rendering;

/// <summary>The <c>data</c> of an interaction response: a message or a modal. Serialized by its runtime type, without a discriminator.</summary>
[JsonDerivedType(typeof(MessagePayload))]
[JsonDerivedType(typeof(ModalPayload))]
internal abstract record CallbackData;
