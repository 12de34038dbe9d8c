using HelpBot.Engine.Delivery;
using HelpBot.Engine.Storage;

namespace HelpBot.Delivery;

/// <summary>
/// Sends what the engine queued for other chats through each configured channel. Stored messages survive a
/// restart; a failed send is retried with exponential backoff and shows as pending to moderators meanwhile.
/// </summary>
public sealed partial class OutboxDispatcher(
    IEnumerable<IChannelSender> senders,
    IOutboxStore store,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly string Owner = Environment.MachineName + ":" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_senders.Count == 0)
            return;
        using var timer = new PeriodicTimer(PollInterval, time);
        do
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoopFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over every channel's due messages; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var (channel, sender) in _senders)
        {
            foreach (var message in await store.ClaimAsync(channel, Owner, time.GetUtcNow(), Lease, 50, cancellationToken))
            {
                try
                {
                    var id = await sender.SendAsync(message, cancellationToken);
                    await store.MarkSentAsync(message.Id, Owner, id, time.GetUtcNow(), cancellationToken);
                    sent++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, message.Attempts)));
                    var error = ex.GetType().Name + ": " + ex.Message;
                    await store.RetryLaterAsync(message.Id, Owner, time.GetUtcNow() + backoff, error, cancellationToken);
                    LogSendFailed(logger, channel, message.Purpose, message.Attempts, backoff, error);
                }
            }
        }
        return sent;
    }

    [LoggerMessage(1, LogLevel.Warning, "Sending a {Purpose} message through {Channel} failed (attempt {Attempts}); retrying in {Backoff}: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, string channel, OutboxPurpose purpose, int attempts, TimeSpan backoff, string reason);

    [LoggerMessage(2, LogLevel.Error, "The outbox delivery loop failed; it continues on the next tick")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
