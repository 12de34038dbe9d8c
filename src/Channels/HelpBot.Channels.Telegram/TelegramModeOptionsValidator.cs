using System.Buffers;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram;

/// <summary>Rules across fields: webhook mode needs an address and a secret; URLs must be absolute http(s).</summary>
internal sealed class TelegramModeOptionsValidator : IValidateOptions<TelegramOptions>
{
    private static readonly SearchValues<char> SecretCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        if (options.ApiBaseUrl is { } api && !IsHttp(api))
            builder.AddError("must be an absolute http(s) URL such as http://localhost:8081", nameof(TelegramOptions.ApiBaseUrl));
        if (options.Mode == TelegramMode.Webhook)
        {
            if (options.WebhookUrl is not { } url || !IsHttp(url))
                builder.AddError("webhook mode needs the public https URL Telegram posts updates to", nameof(TelegramOptions.WebhookUrl));
            if (options.SecretToken is not { Length: >= 1 and <= 256 } secret || secret.AsSpan().ContainsAnyExcept(SecretCharacters))
                builder.AddError("webhook mode needs a secret of 1-256 characters A-Z, a-z, 0-9, _ and -", nameof(TelegramOptions.SecretToken));
        }
        return builder.Build();
    }

    private static bool IsHttp(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
