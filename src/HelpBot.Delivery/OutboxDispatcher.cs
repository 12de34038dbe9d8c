using HelpBot.Engine.Delivery;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Delivery;

/// <summary>
/// Sends the outbox through each configured channel: turns' replies, moderators' posts, answers. Each chat with work gets
/// one <see cref="ChatDelivery"/> in this process, which holds the chat in the outbox (<see cref="IOutboxStore"/>) while
/// it sends the chat's messages in order. Work arrives two ways: straight from a commit in this process (<see
/// cref="OutboxFeed"/>), with no read of the store, and from a periodic look for due chats nobody holds (retries
/// falling due, messages left by a crash or written by another instance). A failed send is settled to be tried again
/// after a backoff (or the API's <c>retry_after</c>); past <see cref="DeliveryOptions.Deadline"/>, or refused for good,
/// it expires: counted and logged with its chat. On shutdown it keeps sending for <see cref="DeliveryOptions.DrainTimeout"/>.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    private readonly Dictionary<string, IChannelSender> _senders;
    private readonly DeliveryOptions _options;
    private readonly DeliveryMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<OutboxChat, ChatDelivery> _chats = [];
    private readonly Doorbell _doorbell = new();
    private long _sent;

    // Cancelled when a send may no longer finish: the drain on shutdown is over.
    private readonly CancellationTokenSource _abandon = new();

    public OutboxDispatcher(
        IEnumerable<IChannelSender> senders,
        IOutboxStore store,
        OutboxFeed feed,
        IOptions<DeliveryOptions> options,
        DeliveryMetrics metrics,
        TimeProvider time,
        ILogger<OutboxDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(feed);
        _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);
        Store = store;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        feed.Subscribe(Committed);
    }

    internal IOutboxStore Store { get; }

    internal bool Abandoning => _abandon.IsCancellationRequested;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_senders.Count == 0)
            return;
        long? pruned = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ring = _doorbell.Listen();
            if (pruned is not { } at || _time.GetElapsedTime(at) >= PruneInterval)
            {
                await PruneAsync(stoppingToken);
                pruned = _time.GetTimestamp();
            }
            await SweepAsync(limit: true, stoppingToken);
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

    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Sends everything due now, through every chat, until nothing is left due or in hand; returns how many messages
    /// were sent. The shutdown drain, and tools and tests that deliver without the background loop.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var before = Interlocked.Read(ref _sent);
        while (true)
        {
            var claimed = await SweepAsync(limit: false, cancellationToken);
            Task[] working;
            lock (_gate)
                working = _chats.Values.Select(c => c.Completion).ToArray();
            if (claimed == 0 && working.Length == 0)
                return (int)(Interlocked.Read(ref _sent) - before);
            await Task.WhenAll(working).WaitAsync(cancellationToken);
        }
    }

    /// <summary>A commit's messages, handed over by the engine: each chat's sender takes them, or one is started.</summary>
    private void Committed(IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var chat in messages.Where(m => _senders.ContainsKey(m.Channel)).GroupBy(OutboxChat.Of))
        {
            lock (_gate)
            {
                if (_chats.TryGetValue(chat.Key, out var current) && current.TryAdd(chat))
                    continue;
                if (current is not null)
                    continue; // its sender is letting the chat go: it looks again after the release and hands over
                var delivery = new ChatDelivery(this, chat.Key);
                _chats[chat.Key] = delivery;
                delivery.Start(claimed: false, chat.ToList());
            }
        }
    }

    /// <summary>Claims due chats nobody holds (up to <see cref="DeliveryOptions.MaxParallelChats"/> in hand when <paramref name="limit"/>) and starts a sender for each.</summary>
    private async Task<int> SweepAsync(bool limit, CancellationToken cancellationToken)
    {
        var started = 0;
        foreach (var channel in _senders.Keys)
        {
            int room;
            lock (_gate)
                room = limit ? _options.MaxParallelChats - _chats.Count : 1_000;
            if (room <= 0)
                break;
            IReadOnlyList<OutboxChat> claimed;
            try
            {
                claimed = await Store.ClaimDueChatsAsync(channel, _time.GetUtcNow(), room, cancellationToken);
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
            foreach (var chat in claimed)
            {
                lock (_gate)
                {
                    // A store hands out only chats nobody holds; this process's own senders are among those it knows.
                    var delivery = new ChatDelivery(this, chat);
                    _chats[chat] = delivery;
                    delivery.Start(claimed: true, []);
                }
                started++;
            }
        }
        return started;
    }

    /// <summary>
    /// A chat's sender has stopped: the chat is released, and taken again at once if work arrived meanwhile. A sender
    /// that stopped on a failure (<paramref name="lookAgain"/> false) leaves its chat to the next periodic look, so a
    /// store that keeps failing is not hammered.
    /// </summary>
    internal async Task FinishedAsync(ChatDelivery delivery, bool held, bool lookAgain)
    {
        var again = false;
        if (held)
        {
            try
            {
                again = await Store.ReleaseChatAsync(delivery.Chat, _time.GetUtcNow(), CancellationToken.None) && lookAgain && !Abandoning;
            }
            catch (Exception ex)
            {
                // A store that cannot release a chat frees it when its claims end (the process's connection, or a restart).
                LogReleaseFailed(_logger, ex, delivery.Chat.Channel, delivery.Chat.ChatId);
            }
        }
        lock (_gate)
        {
            // Once released, the chat may already have a new sender (a search claimed it): that one stays.
            if (!_chats.TryGetValue(delivery.Chat, out var current) || current != delivery)
                again = false;
            else
                _chats.Remove(delivery.Chat);
            if (again)
            {
                var next = new ChatDelivery(this, delivery.Chat);
                _chats[delivery.Chat] = next;
                next.Start(claimed: false, []);
            }
        }
        _doorbell.Ring();
    }

    internal void ChatFailed(OutboxChat chat, Exception exception) => LogChatFailed(_logger, exception, chat.Channel, chat.ChatId);

    /// <summary>One attempt at a chat's head, settled before the chat's next message may go.</summary>
    internal async Task<AttemptResult> AttemptAsync(OutboxMessage message)
    {
        var sender = _senders[message.Channel];
        var deadline = message.CreatedAt + _options.Deadline;
        message.Attempts++;
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
            // Shutting down mid-send: it stays pending for the next start (it may have gone out; then it goes twice).
            return AttemptResult.Stopped;
        }
        catch (Exception ex)
        {
            outcome = SendOutcome.TryLater(ex is OperationCanceledException ? "no answer within " + _options.AttemptTimeout : ex.GetType().Name + ": " + ex.Message);
        }

        switch (outcome.Status)
        {
            case SendStatus.Sent:
                // Counted once it went, whatever the record: a send that is not recorded goes again, and says so in the log.
                _metrics.Sent(message);
                Interlocked.Increment(ref _sent);
                return await SettleAsync(new OutboxSettlement(message, OutboxOutcome.Sent, _time.GetUtcNow(), outcome.ChannelMessageId)) ? AttemptResult.Done : AttemptResult.Stopped;
            case SendStatus.Refused:
                return await ExpireAsync(message, "refused", outcome.Reason ?? "refused");
            default:
                var delay = outcome.RetryAfter ?? Backoff(message.Attempts);
                var next = _time.GetUtcNow() + delay;
                if (next > deadline)
                    return await ExpireAsync(message, "deadline", "the delivery deadline passed; last: " + outcome.Reason);
                if (!await SettleAsync(new OutboxSettlement(message, OutboxOutcome.RetryLater, next, Error: outcome.Reason ?? "")))
                    return AttemptResult.Stopped;
                _metrics.Retried(message);
                // Look again when it falls due rather than at the next tick.
                _ = Task.Delay(delay, _time, _abandon.Token).ContinueWith(_ => _doorbell.Ring(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                LogRetrying(_logger, message.Purpose, message.Channel, message.ChatId, message.Attempts, delay, outcome.Reason ?? "");
                return AttemptResult.Later;
        }
    }

    private async Task<AttemptResult> ExpireAsync(OutboxMessage message, string kind, string reason)
    {
        var settled = await SettleAsync(new OutboxSettlement(message, OutboxOutcome.Expired, _time.GetUtcNow(), Error: reason));
        _metrics.Expired(message, kind);
        LogExpired(_logger, message.Purpose, message.Channel, message.ChatId, message.Attempts, message.CreatedAt, reason);
        return settled ? AttemptResult.Done : AttemptResult.Stopped;
    }

    /// <summary>
    /// Records how an attempt ended; false when it could not be. While the store is unreachable (a database restarting)
    /// it tries again until shutdown: a sent message left unrecorded would go out twice.
    /// </summary>
    private async Task<bool> SettleAsync(OutboxSettlement settlement)
    {
        var message = settlement.Message;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Store.SettleAsync([settlement], CancellationToken.None);
                return true;
            }
            catch (Exception ex) when (StorageOutage.IsTransient(ex) && !_abandon.IsCancellationRequested)
            {
                var pause = StorageOutage.Backoff(attempt, _options.RetryBaseDelay, _options.RetryMaxDelay);
                LogSettleWaiting(_logger, message.Channel, message.ChatId, pause.TotalSeconds, StorageUnavailableException.OneLine(ex));
                try
                {
                    await Task.Delay(pause, _time, _abandon.Token);
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
            }
            catch (Exception ex)
            {
                LogSettleFailed(_logger, ex, message.Channel, message.ChatId);
                return false;
            }
        }
    }

    /// <summary>Stopping: keeps sending what is due for <see cref="DeliveryOptions.DrainTimeout"/>, then cuts the sends in flight (their messages stay for the next start).</summary>
    private async Task DrainAsync()
    {
        using var drain = new CancellationTokenSource(_options.DrainTimeout, _time);
        try
        {
            await DeliverDueAsync(drain.Token);
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            // Out of time: what is left goes out on the next start.
        }
        await _abandon.CancelAsync();
        Task[] left;
        lock (_gate)
            left = _chats.Values.Select(c => c.Completion).ToArray();
        await Task.WhenAll(left);
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pruned = await Store.PruneAsync(_time.GetUtcNow() - _options.Retention, cancellationToken);
            if (pruned > 0)
                LogPruned(_logger, pruned, _options.Retention);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPruneFailed(_logger, ex);
        }
    }

    /// <summary>Doubling from the base delay up to the cap, with up to 20 % jitter.</summary>
    private TimeSpan Backoff(int attempts) => StorageOutage.Backoff(attempts, _options.RetryBaseDelay, _options.RetryMaxDelay, jitter: 0.2);

    [LoggerMessage(1, LogLevel.Warning, "A {Purpose} message to {Channel} chat {ChatId} was not sent (attempt {Attempts}); trying again in {Delay}: {Reason}")]
    private static partial void LogRetrying(ILogger logger, OutboxPurpose purpose, string channel, string chatId, int attempts, TimeSpan delay, string reason);

    [LoggerMessage(2, LogLevel.Error, "A {Purpose} message to {Channel} chat {ChatId} expired unsent after {Attempts} attempts (written {CreatedAt:u}): {Reason}")]
    private static partial void LogExpired(ILogger logger, OutboxPurpose purpose, string channel, string chatId, int attempts, DateTimeOffset createdAt, string reason);

    [LoggerMessage(3, LogLevel.Error, "Sending to {Channel} chat {ChatId} stopped; its messages stay in the outbox and are taken again when due")]
    private static partial void LogChatFailed(ILogger logger, Exception exception, string channel, string chatId);

    [LoggerMessage(4, LogLevel.Error, "The outbox could not be read for {Channel}; it is tried again on the next tick")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(5, LogLevel.Error, "A message to {Channel} chat {ChatId} could not be settled in the outbox; the chat is taken again when it is due, and the message may go twice")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string channel, string chatId);

    [LoggerMessage(6, LogLevel.Warning, "The outbox for {Channel} cannot be reached; it is tried again on the next tick: {Error}")]
    private static partial void LogClaimWaiting(ILogger logger, string channel, string error);

    [LoggerMessage(7, LogLevel.Warning, "A message to {Channel} chat {ChatId} waits for the store to be settled, trying again in {Seconds} s: {Error}")]
    private static partial void LogSettleWaiting(ILogger logger, string channel, string chatId, double seconds, string error);

    [LoggerMessage(8, LogLevel.Warning, "{Channel} chat {ChatId} could not be released in the outbox; it is free again when this instance's claims end")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string channel, string chatId);

    [LoggerMessage(9, LogLevel.Information, "Pruned {Count} settled outbox messages older than {Retention}")]
    private static partial void LogPruned(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(10, LogLevel.Warning, "The outbox could not be pruned; it is tried again in an hour")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
