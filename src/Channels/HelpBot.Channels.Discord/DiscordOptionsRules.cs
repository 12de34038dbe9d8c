using HelpBot.Channels.Discord.Interactions;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord;

/// <summary>Rules that span fields or need more than an attribute. Messages name the field, never its value.</summary>
internal sealed partial class DiscordOptionsRules : IValidateOptions<DiscordOptions>
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
        foreach (var (field, ids) in new[] { (nameof(DiscordOptions.ModeratorUserIds), options.ModeratorUserIds), (nameof(DiscordOptions.ModeratorRoleIds), options.ModeratorRoleIds) })
        {
            if (ids.Any(id => !Snowflake().IsMatch(id)))
                result.AddError("must hold only numeric ids", field);
        }
        return result.Build();
    }

    [GeneratedRegex(DiscordOptions.Snowflake)]
    private static partial Regex Snowflake();
}
