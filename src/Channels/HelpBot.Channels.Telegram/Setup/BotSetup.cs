using HelpBot.Channels.Telegram.Sending;
using HelpBot.Engine.Content;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace HelpBot.Channels.Telegram.Setup;

/// <summary>
/// What the bot tells Telegram at start: where updates go (delete the webhook for polling, or set it with the secret)
/// and the command menu per language. Failures are logged, not fatal: the bot still serves what it can.
/// </summary>
internal sealed class BotSetup(
    TelegramSender sender,
    IContentProvider content,
    IOptions<TelegramOptions> options,
    ILogger<BotSetup> logger)
{
    private static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery];

    public async Task PrepareAsync(bool webhook, CancellationToken cancellationToken)
    {
        if (webhook)
            await SetWebhookAsync(cancellationToken);
        else
            await DeleteWebhookAsync(cancellationToken);
        await PublishCommandsAsync(content.Current, cancellationToken);
    }

    /// <summary>Polling and a webhook exclude each other; pending updates are kept for polling to fetch.</summary>
    public async Task DeleteWebhookAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.CallAsync((client, ct) => client.DeleteWebhook(dropPendingUpdates: false, ct), cancellationToken);
        }
        catch (RequestException ex)
        {
            Log.SetupFailed(logger, "deleteWebhook", sender.Describe(ex));
        }
    }

    /// <summary>One menu per content language (language_code) and the default language's menu for everyone else.</summary>
    public async Task PublishCommandsAsync(ContentCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var (code, language) in catalog.Languages.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (code.Length == 2)
                await SetCommandsAsync(language, code, cancellationToken);
        }
        if (catalog.Languages.TryGetValue(catalog.DefaultLanguage, out var fallback))
            await SetCommandsAsync(fallback, null, cancellationToken);
    }

    private async Task SetWebhookAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            await sender.CallAsync((client, ct) => client.SetWebhook(
                settings.WebhookUrl!.AbsoluteUri,
                allowedUpdates: AllowedUpdates,
                secretToken: settings.SecretToken,
                cancellationToken: ct), cancellationToken);
            Log.WebhookSet(logger, settings.WebhookUrl!.GetLeftPart(UriPartial.Path));
        }
        catch (RequestException ex)
        {
            Log.SetupFailed(logger, "setWebhook", sender.Describe(ex));
        }
    }

    private async Task SetCommandsAsync(LanguagePack language, string? languageCode, CancellationToken cancellationToken)
    {
        var commands = CommandMenu.For(language);
        try
        {
            await sender.CallAsync((client, ct) => client.SetMyCommands(commands, languageCode: languageCode, cancellationToken: ct), cancellationToken);
        }
        catch (RequestException ex)
        {
            Log.SetupFailed(logger, "setMyCommands", sender.Describe(ex));
        }
    }
}
