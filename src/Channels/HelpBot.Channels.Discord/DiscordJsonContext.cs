using System.Text.Json.Serialization;
using HelpBot.Channels.Discord.Commands;
using HelpBot.Channels.Discord.Rendering;
using HelpBot.Channels.Discord.Rest;

namespace HelpBot.Channels.Discord;

/// <summary>Everything the bot sends to Discord, serialized snake_case with nulls left out (source-generated, no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InteractionCallback))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(ModalPayload))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
[JsonSerializable(typeof(DmChannelRequest))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
