using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram;

/// <summary>The attribute rules of <see cref="TelegramOptions"/>, generated.</summary>
[OptionsValidator]
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>;
