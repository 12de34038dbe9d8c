using System.Globalization;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Delivery;

/// <summary>
/// Sends the outbox through each configured channel: turns' replies, moderators' posts, answers. It claims the due head
/// of each chat (<see cref="IOutboxStore"/>), sends it, and settles it: sent, tried again after a backoff (or the API's
/// <c>retry_after</c>), or, past <see cref="DeliveryOptions.Deadline"/> or when the channel refuses it for good, expired:
/// counted and logged with its chat. Chats go in parallel, each chat's messages one by one in order. Stored messages
/// survive a crash and go out on the next start; on shutdown it keeps sending for <see cref="DeliveryOptions.DrainTimeout"/>.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    private readonly Dictionary<string, IChannelSender> _senders;
    private readonly IOutboxStore _store;
    private readonly OutboxDoorbell _doorbell;
    private readonly DeliveryOptions _options;
    private readonly DeliveryMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _inFlight = [];

    // Cancelled when a send may no longer finish: the drain on shutdown is over.
    private readonly CancellationTokenSource _abandon = new();

    public OutboxDispatcher(
        IEnumerable<IChannelSender> senders,
        IOutboxStore store,
        OutboxDoorbell doorbell,
        IOptions<DeliveryOptions> options,
        DeliveryMetrics metrics,
        TimeProvider time,
        ILogger<OutboxDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);
        _store = store;
        _doorbell = doorbell;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>This instance's name on the leases it takes: host, process and a random part, unique among instances.</summary>
    public string Owner { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_senders.Count == 0)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ring = _doorbell.Listen();
            await ClaimAndStartAsync(stoppingToken);
            try
            {
                await Task.WhenAny(ring, Task.Delay(_options.PollInterval, _time, stoppingToken)).Unwrap();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
        await DrainAsync();
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    /// <summary>Sends everything due now, chat heads after chat heads, until nothing is left due; returns how many were sent. For tests and tools.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        List<Task<bool>> round;
        do
        {
            round = [];
            foreach (var (channel, sender) in _senders)
            {
                foreach (var message in await _store.ClaimAsync(channel, Owner, _time.GetUtcNow(), _options.Lease, _options.MaxParallelChats, cancellationToken))
                    round.Add(DeliverAsync(sender, message));
            }
            sent += (await Task.WhenAll(round)).Count(s => s);
        }
        while (round.Count > 0);
        return sent;
    }

    /// <summary>Claims as many due chat heads as there is room for and starts sending each.</summary>
    private async Task ClaimAndStartAsync(CancellationToken cancellationToken)
    {
        foreach (var (channel, sender) in _senders)
        {
            int room;
            lock (_gate)
                room = _options.MaxParallelChats - _inFlight.Count;
            if (room <= 0)
                return;
            IReadOnlyList<OutboxMessage> claimed;
            try
            {
                claimed = await _store.ClaimAsync(channel, Owner, _time.GetUtcNow(), _options.Lease, room, cancellationToken);
            }
            catch (Exception ex) when (StorageOutage.IsTransient(ex))
            {
                // A database restarting: one line per tick, not a stack trace.
                LogClaimWaiting(_logger, channel, StorageUnavailableException.OneLine(ex));
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogClaimFailed(_logger, ex, channel);
                continue;
            }
            foreach (var message in claimed)
                Track(DeliverAsync(sender, message));
        }
    }

    private void Track(Task task)
    {
        lock (_gate)
            _inFlight.Add(task);
        task.ContinueWith(done =>
        {
            lock (_gate)
                _inFlight.Remove(done);
            // The chat's next message may now be its head.
            _doorbell.Ring();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Stopping: keeps sending what is due for <see cref="DeliveryOptions.DrainTimeout"/>, then cuts the sends in flight (their messages stay for the next start).</summary>
    private async Task DrainAsync()
    {
        using var drain = new CancellationTokenSource(_options.DrainTimeout, _time);
        try
        {
            while (!drain.IsCancellationRequested)
            {
                var ring = _doorbell.Listen();
                await ClaimAndStartAsync(drain.Token);
                Task[] pending;
                lock (_gate)
                    pending = [.. _inFlight];
                if (pending.Length == 0)
                    break;
                await Task.WhenAny(ring, Task.WhenAll(pending)).WaitAsync(drain.Token);
            }
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            // Out of time: what is left goes out on the next start.
        }
        await _abandon.CancelAsync();
        Task[] left;
        lock (_gate)
            left = [.. _inFlight];
        await Task.WhenAll(left);
    }

    /// <summary>One attempt at one claimed head, settled whatever happens; true when it was sent.</summary>
    private async Task<bool> DeliverAsync(IChannelSender sender, OutboxMessage message)
    {
        await Task.Yield();
        var deadline = message.CreatedAt + _options.Deadline;
        try
        {
            if (_time.GetUtcNow() >= deadline)
                return await ExpireAsync(message, "deadline", "the delivery deadline passed" + (message.LastError is { } last ? "; last: " + last : ""));

            SendOutcome outcome;
            try
            {
                using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_abandon.Token, timeout.Token);
                outcome = await sender.SendAsync(message, attempt.Token);
            }
            catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
            {
                // Shutting down mid-send: free the chat for the next start (it may have gone out; at worst it goes twice).
                await _store.RetryLaterAsync(message.Id, Owner, _time.GetUtcNow(), "interrupted by shutdown", CancellationToken.None);
                return false;
            }
            catch (Exception ex)
            {
                outcome = SendOutcome.TryLater(ex is OperationCanceledException ? "no answer within " + _options.AttemptTimeout : ex.GetType().Name + ": " + ex.Message);
            }

            switch (outcome.Status)
            {
                case SendStatus.Sent:
                    if (!await SettleAsync(message, () => _store.MarkSentAsync(message.Id, Owner, outcome.ChannelMessageId, _time.GetUtcNow(), CancellationToken.None)))
                        LogLeaseLost(_logger, message.Channel, message.ChatId, message.Attempts);
                    _metrics.Sent(message);
                    return true;
                case SendStatus.Refused:
                    return await ExpireAsync(message, "refused", outcome.Reason ?? "refused");
                default:
                    var delay = outcome.RetryAfter ?? Backoff(message.Attempts);
                    var next = _time.GetUtcNow() + delay;
                    if (next > deadline)
                        return await ExpireAsync(message, "deadline", "the delivery deadline passed; last: " + outcome.Reason);
                    await SettleAsync(message, () => _store.RetryLaterAsync(message.Id, Owner, next, outcome.Reason ?? "", CancellationToken.None));
                    _metrics.Retried(message);
                    // Look again when it falls due rather than at the next tick.
                    _ = Task.Delay(delay, _time, _abandon.Token).ContinueWith(_ => _doorbell.Ring(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                    LogRetrying(_logger, message.Purpose, message.Channel, message.ChatId, message.Attempts, delay, outcome.Reason ?? "");
                    return false;
            }
        }
        catch (Exception ex)
        {
            // The store failed to settle it: the lease runs out and the message is claimed again.
            LogSettleFailed(_logger, ex, message.Channel, message.ChatId);
            return false;
        }
    }

    private async Task<bool> ExpireAsync(OutboxMessage message, string kind, string reason)
    {
        await SettleAsync(message, () => _store.ExpireAsync(message.Id, Owner, _time.GetUtcNow(), reason, CancellationToken.None));
        _metrics.Expired(message, kind);
        LogExpired(_logger, message.Purpose, message.Channel, message.ChatId, message.Attempts, message.CreatedAt, reason);
        return false;
    }

    /// <summary>
    /// Records how an attempt ended. While the store is unreachable (a database restarting) it tries again until the
    /// lease runs out: a sent message left unsettled would hold its chat back for a whole lease and then go out twice.
    /// </summary>
    private async Task<bool> SettleAsync(OutboxMessage message, Func<ValueTask<bool>> settle)
    {
        var until = message.LeaseUntil ?? _time.GetUtcNow() + _options.Lease;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await settle();
            }
            catch (Exception ex) when (StorageOutage.IsTransient(ex) && !_abandon.IsCancellationRequested)
            {
                var pause = StorageOutage.Backoff(attempt, _options.RetryBaseDelay, _options.RetryMaxDelay);
                if (_time.GetUtcNow() + pause >= until)
                    throw;
                LogSettleWaiting(_logger, message.Channel, message.ChatId, pause.TotalSeconds, StorageUnavailableException.OneLine(ex));
                await Task.Delay(pause, _time, _abandon.Token);
            }
        }
    }

    /// <summary>Doubling from the base delay up to the cap, with up to 20 % jitter so many chats hit by one outage do not retry in lockstep.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var doubled = _options.RetryBaseDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var capped = doubled < _options.RetryMaxDelay ? doubled : _options.RetryMaxDelay;
        return capped * (1 + (Random.Shared.NextDouble() * 0.2));
    }

    [LoggerMessage(1, LogLevel.Warning, "A {Purpose} message to {Channel} chat {ChatId} was not sent (attempt {Attempts}); trying again in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, OutboxPurpose purpose, string channel, string chatId, int attempts, TimeSpan delay, string reason);

    [LoggerMessage(2, LogLevel.Error, "A {Purpose} message to {Channel} chat {ChatId} expired unsent after {Attempts} attempts (written {CreatedAt:u}): {Reason}")]
    private static partial void LogExpired(ILogger logger, OutboxPurpose purpose, string channel, string chatId, int attempts, DateTimeOffset createdAt, string reason);

    [LoggerMessage(3, LogLevel.Warning, "A message to {Channel} chat {ChatId} was sent after its claim had run out (attempt {Attempts}); another sender may have sent it too")]
    private static partial void LogLeaseLost(ILogger logger, string channel, string chatId, int attempts);

    [LoggerMessage(4, LogLevel.Error, "The outbox could not be read for {Channel}; it is tried again on the next tick")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(5, LogLevel.Error, "A message to {Channel} chat {ChatId} could not be settled in the outbox; it is claimed again when its lease runs out")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string channel, string chatId);

    [LoggerMessage(6, LogLevel.Warning, "The outbox for {Channel} cannot be reached; it is tried again on the next tick: {Error}")]
    private static partial void LogClaimWaiting(ILogger logger, string channel, string error);

    [LoggerMessage(7, LogLevel.Warning, "A message to {Channel} chat {ChatId} waits for the store to be settled, trying again in {Seconds} s: {Error}")]
    private static partial void LogSettleWaiting(ILogger logger, string channel, string chatId, double seconds, string error);
}
