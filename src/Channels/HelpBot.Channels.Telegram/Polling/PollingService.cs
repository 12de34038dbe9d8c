using HelpBot.Channels.Telegram.Sending;
using HelpBot.Channels.Telegram.Setup;
using HelpBot.Channels.Telegram.Updates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace HelpBot.Channels.Telegram.Polling;

/// <summary>
/// Long polling: asks getUpdates for what is new and hands each update to the dispatcher, which confirms it with the
/// next offset once queued. A failed call is logged and retried after a pause; the loop runs until the host stops.
/// The channel's services are singletons, so unlike Telegram.Bot's examples no scope is opened per cycle.
/// </summary>
internal sealed class PollingService(
    ITelegramBotClient client,
    UpdateDispatcher dispatcher,
    BotSetup setup,
    TelegramSender sender,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<PollingService> logger) : BackgroundService
{
    /// <summary>The two kinds the bot serves; Telegram then does not even send edits, channel posts and the rest.</summary>
    public static readonly IReadOnlyList<string> AllowedUpdates = ["message", "callback_query"];

    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Mode != TelegramMode.Polling)
            return;
        await setup.PrepareAsync(webhook: false, stoppingToken);
        Log.Polling(logger, settings.ApiBaseUrl?.Authority ?? "api.telegram.org");
        int? offset = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await client.SendRequest(new RawGetUpdatesRequest
                {
                    Offset = offset,
                    Limit = BatchSize,
                    Timeout = settings.PollingTimeoutSeconds,
                    AllowedUpdates = AllowedUpdates,
                }, stoppingToken);

                var moved = false;
                foreach (var raw in batch)
                {
                    var read = UpdateReader.Read(raw);
                    if (read.Id is { } id && (offset is null || id >= offset))
                    {
                        offset = id + 1;
                        moved = true;
                    }
                    if (read.Update is { } update)
                        await dispatcher.EnqueueAsync(update, stoppingToken);
                    else
                        Log.Unreadable(logger, read.Id, read.Error ?? "");
                }
                if (batch.Length > 0 && !moved)
                    await Task.Delay(settings.PollingErrorDelay, time, stoppingToken); // nothing to confirm: do not spin on the same batch
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 409 && FailureReason.Is(ex, "webhook is active"))
            {
                // Someone switched the bot to a webhook (or this host ran in webhook mode before): polling takes it back.
                Log.PollingFailed(logger, sender.Describe(ex), 0);
                await setup.DeleteWebhookAsync(stoppingToken);
            }
            catch (RequestException ex)
            {
                Log.PollingFailed(logger, sender.Describe(ex), settings.PollingErrorDelay.TotalSeconds);
                await DelayAsync(settings.PollingErrorDelay, stoppingToken);
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the loop ends.
        }
    }
}
