using HelpBot.Channels.Discord.Interactions;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord;

/// <summary>Rules that span fields or need more than an attribute. Messages name the field, never its value.</summary>
internal sealed class DiscordOptionsRules : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new ValidateOptionsResultBuilder();
        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } url || url.Scheme is not ("https" or "http"))
            result.AddError("must be an absolute http(s) URL", nameof(DiscordOptions.ApiBaseUrl));
        if (options.PublicKey.Length == 64 && InteractionSignatureVerifier.ImportKey(options.PublicKey) is null)
            result.AddError("is not a 64-digit hex Ed25519 public key", nameof(DiscordOptions.PublicKey));
        if (options.RegisterCommandsAtStart && string.IsNullOrWhiteSpace(options.BotToken))
            result.AddError("is required when RegisterCommandsAtStart is true", nameof(DiscordOptions.BotToken));
        return result.Build();
    }
}
