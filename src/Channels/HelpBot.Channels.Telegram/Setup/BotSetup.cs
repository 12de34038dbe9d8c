using HelpBot.Channels.Http;
using HelpBot.Channels.Telegram.Sending;
using HelpBot.Channels.Telegram.Updates;
using HelpBot.Engine.Content;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace HelpBot.Channels.Telegram.Setup;

/// <summary>
/// What the bot tells Telegram at start: where updates go (delete the webhook for polling, or set it with the secret)
/// and the command menu per language. It runs in the background (<see cref="ChannelSetup"/>), each call tried until
/// Telegram takes it: polling and the webhook endpoint serve meanwhile, and /readyz says the channel is still setting up.
/// </summary>
internal sealed class BotSetup(
    TelegramSender sender,
    IContentProvider content,
    IOptions<TelegramOptions> options,
    ChannelSetup setup,
    ILogger<BotSetup> logger,
    ModeratorMiniApp? moderatorMiniApp = null) : ChannelSetupService(setup)
{
    private static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery];

    protected override string Channel => TelegramTurns.ChannelName;

    protected override IReadOnlyList<SetupStep> Steps()
    {
        SetupStep updates = options.Value.Mode == TelegramMode.Webhook
            ? new("setWebhook", SetWebhookAsync)
            // Polling and a webhook exclude each other; pending updates are kept for polling to fetch.
            : new("deleteWebhook", ct => sender.CallOnceAsync((client, c) => client.DeleteWebhook(dropPendingUpdates: false, c), ct));
        return [updates, .. CommandMenus(content.Current), .. ModeratorMenuButtons()];
    }

    protected override SetupFailure? Read(Exception exception) => exception is RequestException request
        ? new SetupFailure(sender.Describe(request), FailureReason.IsPermanent(request),
            request is ApiRequestException { Parameters.RetryAfter: { } seconds } ? TimeSpan.FromSeconds(seconds) : null)
        : null;

    /// <summary>Polling met a webhook (409): deletes it, retried by the pipeline; a failure is logged and polling goes on.</summary>
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
    private IEnumerable<SetupStep> CommandMenus(ContentCatalog catalog)
    {
        foreach (var (code, language) in catalog.Languages.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (code.Length == 2)
                yield return CommandMenuStep(language, code);
        }
        if (catalog.Languages.TryGetValue(catalog.DefaultLanguage, out var fallback))
            yield return CommandMenuStep(fallback, null);
    }

    private SetupStep CommandMenuStep(LanguagePack language, string? languageCode)
    {
        var commands = CommandMenu.For(language);
        return new SetupStep($"setMyCommands ({languageCode ?? "default"})", ct => sender.CallOnceAsync(
            (client, c) => client.SetMyCommands(commands, languageCode: languageCode, cancellationToken: c), ct));
    }

    /// <summary>Each configured moderator's private chat opens the console from its menu button (moderators' chats' members sign in by /console).</summary>
    private IEnumerable<SetupStep> ModeratorMenuButtons()
    {
        if (moderatorMiniApp is null)
            yield break;
        var button = new MenuButtonWebApp { Text = moderatorMiniApp.ButtonText, WebApp = new WebAppInfo { Url = moderatorMiniApp.Url.AbsoluteUri } };
        foreach (var moderator in options.Value.ModeratorIds.Distinct())
        {
            yield return new SetupStep($"setChatMenuButton ({moderator})", ct => sender.CallOnceAsync(
                (client, c) => client.SetChatMenuButton(moderator, button, c), ct));
        }
    }

    private async Task SetWebhookAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await sender.CallOnceAsync((client, ct) => client.SetWebhook(
            settings.WebhookUrl!.AbsoluteUri,
            allowedUpdates: AllowedUpdates,
            secretToken: settings.SecretToken,
            cancellationToken: ct), cancellationToken);
        Log.WebhookSet(logger, settings.WebhookUrl!.GetLeftPart(UriPartial.Path));
    }
}
