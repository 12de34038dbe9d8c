using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord;

/// <summary>The attribute rules of <see cref="DiscordOptions"/>, generated.</summary>
[OptionsValidator]
internal sealed partial class DiscordOptionsValidator : IValidateOptions<DiscordOptions>;
