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
/// Long polling: asks getUpdates for what is new and hands each update to the dispatcher. An update is confirmed (by a
/// later call's offset) only once it is handled, that is once its turn and its reply are committed: a crash before that
/// gets it again, and the engine's delivery-id check answers it once. Confirming offset N confirms everything below N,
/// so the offset is the oldest update still in hand; a batch's updates are handled together and confirmed together
/// (turns are quick: replies are sent from the outbox, not here), so a chat waiting on Telegram's rate limit holds
/// nothing back. A failed call is logged and retried after a pause; the
/// loop runs until the host stops. The channel's services are singletons, so no scope is opened per cycle.
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
        // The setup at start (BotSetup) goes on beside: polling needs none of it, and a webhook still set answers 409 below.
        Log.Polling(logger, settings.ApiBaseUrl?.Authority ?? "api.telegram.org");
        var inHand = new SortedList<int, Task>();
        int? highestSeen = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var id in inHand.Where(u => u.Value.IsCompleted).Select(u => u.Key).ToList())
                    inHand.Remove(id);
                var batch = await client.SendRequest(new RawGetUpdatesRequest
                {
                    Offset = inHand.Count > 0 ? inHand.Keys[0] : highestSeen + 1,
                    Limit = BatchSize,
                    // With updates in hand Telegram answers at once anyway (they are still unconfirmed).
                    Timeout = inHand.Count > 0 ? 0 : settings.PollingTimeoutSeconds,
                    AllowedUpdates = AllowedUpdates,
                }, stoppingToken);

                var fresh = 0;
                foreach (var raw in batch)
                {
                    var read = UpdateReader.Read(raw);
                    if (read.Id is { } id)
                    {
                        // Still in hand from an earlier batch: it comes back until the offset passes it.
                        if (id <= highestSeen)
                            continue;
                        highestSeen = id;
                    }
                    fresh++;
                    if (read.Update is { } update)
                        inHand[update.Id] = await dispatcher.EnqueueAsync(update, stoppingToken);
                    else
                        Log.Unreadable(logger, read.Id, read.Error ?? "");
                }
                if (inHand.Count > 0)
                    await UntilHandledAsync(inHand.Values, stoppingToken);
                else if (batch.Length > 0 && fresh == 0)
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

    /// <summary>
    /// Waits until the updates in hand are handled, so that the next call confirms the whole batch at once: their turns
    /// commit together (the store groups commits that wait at the same moment), and Telegram is not asked again for
    /// updates still being handled (each such call brought the whole batch back, to be read and skipped). An update
    /// that takes longer (its chat is busy, its store is slow) holds the others back for <see cref="BatchWait"/> at most.
    /// Real time, as it only paces the calls: a test's clock standing still must not stop polling.
    /// </summary>
    private static async Task UntilHandledAsync(IEnumerable<Task> inHand, CancellationToken stoppingToken)
    {
        var all = Task.WhenAll(inHand);
        if (!all.IsCompleted)
            await Task.WhenAny(all, Task.Delay(BatchWait, stoppingToken)).Unwrap();
    }

    private static readonly TimeSpan BatchWait = TimeSpan.FromMilliseconds(100);

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
