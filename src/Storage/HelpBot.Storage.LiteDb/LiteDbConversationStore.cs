using System.Threading.Channels;
using HelpBot.Engine.Storage;
using LiteDB;

namespace HelpBot.Storage.LiteDb;

/// <summary>
/// <see cref="IConversationStore"/> on LiteDB. Commits go through one writer that groups the turns waiting
/// at that moment into one LiteDB transaction (group commit): LiteDB's write-ahead log means a crash leaves
/// each turn whole or absent, and the cost of a transaction is shared by every user committing at once.
/// A caller's commit completes only when its transaction has.
/// </summary>
public sealed class LiteDbConversationStore : IConversationStore, IModerationStore, IOutboxStore, IStorageHealth, IReviewStore, IDisposable
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<UserState> _users;
    private readonly ILiteCollection<Feedback> _feedback;
    private readonly ILiteCollection<Question> _questions;
    private readonly ILiteCollection<DialogEvent> _events;
    private readonly ILiteCollection<HandledDelivery> _deliveries;
    private readonly ILiteCollection<OutboxMessage> _outbox;
    private readonly ILiteCollection<ReviewDecision> _decisions;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly OutboxIndex _outboxIndex = new();
    private readonly Task _writer;

    // This process is LiteDB's only writer (direct connection), so a write-through cache of states stays
    // exact and spares a query per turn; it is emptied when it grows past a bound.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, UserState> _states = new(StringComparer.Ordinal);
    private const int MaxCachedStates = 100_000;

    /// <summary>Channels redeliver within hours (Telegram) or seconds (Discord); older delivery ids are dropped.</summary>
    public static readonly TimeSpan DeliveryRetention = TimeSpan.FromDays(7);
    private const int CommitsBetweenPrunes = 10_000;
    private int _commitsSincePrune;
    private readonly Lock _resolveGate = new();
    private long _sequence;
    private readonly TimeProvider _time;

    /// <summary>
    /// Opens the file at <paramref name="path"/> after reading all of it back (<see cref="LiteDbFile.OpenVerified"/>);
    /// throws <see cref="StorageUnavailableException"/> when it is damaged or cannot be written.
    /// <paramref name="indexEventsByTime"/>: keep the events' time index, for readers of recent events (the moderators'
    /// console's stats); every turn's events pay for it, so a bot without such a reader drops it.
    /// </summary>
    public LiteDbConversationStore(string path, TimeProvider? time = null, bool indexEventsByTime = false)
        : this(LiteDbFile.OpenVerified(path, CreateMapper()), path, time, indexEventsByTime)
    {
    }

    /// <summary>Over an existing database (a <see cref="MemoryStream"/> one for replay and tests). <paramref name="time"/> dates handled deliveries for their retention.</summary>
    public LiteDbConversationStore(LiteDatabase database, string location = ":memory:", TimeProvider? time = null, bool indexEventsByTime = false)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _time = time ?? TimeProvider.System;
        Location = location;
        _users = database.GetCollection<UserState>("users");
        _feedback = database.GetCollection<Feedback>("feedback");
        _questions = database.GetCollection<Question>("questions");
        _events = database.GetCollection<DialogEvent>("events");
        _deliveries = database.GetCollection<HandledDelivery>("deliveries");
        _deliveries.EnsureIndex(d => d.At);
        PruneDeliveries();
        _outbox = database.GetCollection<OutboxMessage>("outbox");
        // Every index costs each reply twice (written with its turn, deleted once sent), so the outbox keeps one: pending
        // messages (DeliveredAt null) are found through it at open, settled ones by age when pruned. /forget and the
        // moderators' post look-ups, which are rare, read the collection through.
        _outbox.EnsureIndex(o => o.DeliveredAt);
        foreach (var dropped in new[] { "Sequence", "UserKey" })
            _outbox.DropIndex(dropped);
        // The file is this process's alone (direct connection): the heads are read once here and kept in memory, and
        // numbering goes on after the highest pending message (settled ones no longer take part in any order).
        var pending = Pending().ToList();
        _sequence = pending.Count > 0 ? pending.Max(o => o.Sequence) : 0;
        _outboxIndex.Add(pending);
        _feedback.EnsureIndex(f => f.UserKey);
        _questions.EnsureIndex(q => q.UserKey);
        _questions.EnsureIndex(q => q.Status);
        _events.EnsureIndex(e => e.UserKey);
        // The review queue reads the few events of its kinds out of every step reached: one index entry a turn's event.
        _events.EnsureIndex(e => e.Kind);
        // The console's stats read past days once and then today's events each load: by time, not the whole collection.
        if (indexEventsByTime)
            _events.EnsureIndex(e => e.At);
        else
            _events.DropIndex(nameof(DialogEvent.At));
        _decisions = database.GetCollection<ReviewDecision>("reviews");
        _decisions.EnsureIndex(d => d.Community);
        _writer = Task.Run(WriteCommitsAsync);
    }

    public static LiteDbConversationStore InMemory() => new(new LiteDatabase(new MemoryStream(), CreateMapper()));

    internal LiteDatabase Database => _database;

    public string Location { get; }

    public ValueTask<StorageReport> VerifyAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(LiteDbFile.Verify(_database, Location));

    /// <summary>
    /// Writes a verified copy of the database to <paramref name="destination"/> (checkpoint, then copy of the data file).
    /// Only while nothing else commits (the backup command on a stopped bot): with turns committing on another thread,
    /// LiteDB 5.0.21 failed a later transaction with "page type must be collection page" after this checkpoint.
    /// </summary>
    public StorageReport BackupTo(string destination)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        if (Location == ":memory:")
            throw new InvalidOperationException("an in-memory database has no file to back up");
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(destination))!;
        Directory.CreateDirectory(folder);
        var partial = destination + ".partial";
        lock (_backupGate)
        {
            var checkpointSize = _database.CheckpointSize;
            _database.CheckpointSize = 0;
            try
            {
                _database.Checkpoint();
                using var source = new FileStream(Location, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None);
                source.CopyTo(target);
                target.Flush(flushToDisk: true);
            }
            finally
            {
                _database.CheckpointSize = checkpointSize;
            }
        }
        StorageReport report;
        using (var copy = LiteDbFile.OpenVerified(partial, CreateMapper()))
            report = LiteDbFile.Verify(copy, destination);
        File.Move(partial, destination, overwrite: true);
        return report;
    }

    private readonly Lock _backupGate = new();

    public ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Reads the header page: the file is open and answers.
            _ = _database.UserVersion;
            return ValueTask.FromResult(true);
        }
        catch (Exception ex) when (LiteDbFile.Explain(Location, ex) is not null)
        {
            return ValueTask.FromResult(false);
        }
    }

    public ValueTask<UserState?> FindUserAsync(string userKey, CancellationToken cancellationToken)
    {
        if (_states.TryGetValue(userKey, out var cached))
            return ValueTask.FromResult<UserState?>(cached.Clone());
        var state = _users.FindById(userKey);
        if (state is not null)
            Cache(state);
        return ValueTask.FromResult(state);
    }

    public ValueTask<Feedback?> FindFeedbackAsync(string userKey, string guide, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Feedback?>(_feedback.FindById(Feedback.IdFor(userKey, guide)));

    public ValueTask<bool> WasHandledAsync(string deliveryId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_deliveries.FindById(deliveryId) is not null);

    public ValueTask CommitAsync(TurnChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return Write(new PendingWrite(changes, []));
    }

    public ValueTask<int> ForgetUserAsync(string userKey, CancellationToken cancellationToken)
    {
        List<string> outbox = [];
        var removed = InTransaction(() =>
        {
            outbox = _outbox.Find(o => o.UserKey == userKey).Select(o => o.Id).ToList();
            return (_users.Delete(userKey) ? 1 : 0)
                + _feedback.DeleteMany(f => f.UserKey == userKey)
                + _questions.DeleteMany(q => q.UserKey == userKey)
                + _events.DeleteMany(e => e.UserKey == userKey)
                + _outbox.DeleteMany(o => o.UserKey == userKey);
        });
        _outboxIndex.Remove(outbox);
        _states.TryRemove(userKey, out _);
        return ValueTask.FromResult(removed);
    }

    public ValueTask<Question?> FindQuestionAsync(string id, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Question?>(_questions.FindById(id));

    public ValueTask<IReadOnlyList<Question>> ListQuestionsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        List(_questions.Find(q => q.Community == community && q.AskedAt >= since), q => q.AskedAt);

    public ValueTask<int> CountOpenQuestionsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(_questions.Count(q => q.Status == QuestionStatus.Open));

    public ValueTask<IReadOnlyList<Feedback>> ListFeedbackAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        List(_feedback.Find(f => f.Community == community && f.At >= since), f => f.At);

    public ValueTask<IReadOnlyList<DialogEvent>> ListEventsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        List(_events.Find(e => e.Community == community && e.At >= since), e => e.At);

    public ValueTask<IReadOnlyList<DialogEvent>> ListEventsAsync(string community, IReadOnlyCollection<DialogEventKind> kinds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return List(kinds.Distinct().SelectMany(kind => _events.Find(e => e.Kind == kind && e.Community == community && e.At >= since)), e => e.At);
    }

    public ValueTask<IReadOnlyList<Question>> ListOpenQuestionsAsync(string community, CancellationToken cancellationToken) =>
        List(_questions.Find(q => q.Status == QuestionStatus.Open && q.Community == community), q => q.AskedAt);

    public ValueTask<IReadOnlyList<DialogEvent>> ListUserEventsAsync(string userKey, int max, CancellationToken cancellationToken) =>
        List(_events.Find(e => e.UserKey == userKey).OrderByDescending(e => e.At).Take(max), e => e.At);

    public ValueTask<bool> TryResolveQuestionAsync(Question resolved, OutboxMessage? delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        // Check and write in one transaction: of two moderators answering at once, exactly one wins.
        lock (_resolveGate)
        {
            return ValueTask.FromResult(InTransaction(() =>
            {
                if (_questions.FindById(resolved.Id) is not { Status: QuestionStatus.Open })
                    return false;
                _questions.Update(resolved);
                if (delivery is not null)
                    InsertOutbox([delivery]);
                return true;
            }) && Indexed(delivery));
        }
    }

    public ValueTask<bool> RateAnswerAsync(string questionId, string userKey, bool helpful, CancellationToken cancellationToken) =>
        ValueTask.FromResult(InTransaction(() =>
        {
            if (_questions.FindById(questionId) is not { Status: QuestionStatus.Answered } question || question.UserKey != userKey)
                return false;
            question.AnswerHelpful = helpful;
            return _questions.Update(question);
        }));

    public ValueTask<IReadOnlyList<OutboxMessage>> PendingOutboxAsync(string community, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(Pending().Where(o => o.Community == community).OrderBy(o => o.Sequence).ToList());

    public ValueTask<IReadOnlyList<OutboxChat>> ClaimDueChatsAsync(string channel, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_outboxIndex.ClaimDue(channel, now, max));

    public ValueTask<IReadOnlyList<OutboxMessage>?> TryClaimChatAsync(OutboxChat chat, IReadOnlyCollection<OutboxMessage> known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(known);
        return ValueTask.FromResult<IReadOnlyList<OutboxMessage>?>(_outboxIndex.TryClaim(chat) is { } ids ? Messages(ids, known) : null);
    }

    public ValueTask<IReadOnlyList<OutboxMessage>> ReadChatAsync(OutboxChat chat, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(Messages(_outboxIndex.Pending(chat), []));

    public ValueTask<bool> ReleaseChatAsync(OutboxChat chat, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_outboxIndex.Release(chat, now));

    public bool Holds(OutboxChat chat) => _outboxIndex.Holds(chat);

    /// <summary>Settlements join the turns' group commit, so a burst of replies costs a transaction or two, not one per message.</summary>
    public ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        return settlements.Count == 0 ? ValueTask.CompletedTask : Write(new PendingWrite(null, settlements));
    }

    public ValueTask<int> CountPendingAsync(string? channel, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_outboxIndex.CountPending(channel));

    public ValueTask<int> PruneAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken)
    {
        // Between a floor and the cutoff, as LiteDB orders null (a pending message's DeliveredAt) below every date.
        var floor = new BsonValue(DateTime.UnixEpoch);
        var cutoff = new BsonValue(settledBefore.UtcDateTime);
        return ValueTask.FromResult(InTransaction(() =>
            _outbox.DeleteMany("$.DeliveredAt >= @0 AND $.DeliveredAt < @1", floor, cutoff)
            + _outbox.DeleteMany("$.ExpiredAt >= @0 AND $.ExpiredAt < @1", floor, cutoff)));
    }

    private IEnumerable<OutboxMessage> Pending() => _outbox.Find(o => o.DeliveredAt == null).Where(o => o.ExpiredAt == null);

    /// <summary>The messages of <paramref name="ids"/>, the caller's own where it has them, the rest read by id.</summary>
    private List<OutboxMessage> Messages(IReadOnlyList<string> ids, IReadOnlyCollection<OutboxMessage> known)
    {
        var found = new List<OutboxMessage>(ids.Count);
        foreach (var id in ids)
        {
            if ((known.FirstOrDefault(k => k.Id == id) ?? _outbox.FindById(id)) is { } message)
                found.Add(message);
        }
        return found;
    }

    private bool Indexed(OutboxMessage? delivery)
    {
        if (delivery is not null)
            _outboxIndex.Add([delivery]);
        return true;
    }

    /// <summary>Numbers the messages in the order given (the callers' objects too, so they know their place) and stores them.</summary>
    private void InsertOutbox(IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var message in messages)
            message.Sequence = Interlocked.Increment(ref _sequence);
        _outbox.InsertBulk(messages);
    }

    public ValueTask<OutboxMessage?> FindPostAsync(string channel, string chatId, string channelMessageId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<OutboxMessage?>(_outbox.FindOne(o => o.Channel == channel && o.ChatId == chatId && o.ChannelMessageId == channelMessageId));

    public ValueTask<IReadOnlyList<ReviewDecision>> ListReviewDecisionsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        List(_decisions.Find(d => d.Community == community && d.At >= since), d => d.At);

    public ValueTask SaveReviewDecisionAsync(ReviewDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _decisions.Upsert(decision);
        return ValueTask.CompletedTask;
    }

    private static ValueTask<IReadOnlyList<T>> List<T>(IEnumerable<T> found, Func<T, DateTimeOffset> order) =>
        ValueTask.FromResult<IReadOnlyList<T>>(found.OrderBy(order).ToList());

    public void Dispose()
    {
        _writes.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        _database.Dispose();
    }

    private async Task WriteCommitsAsync()
    {
        const int MaxBatch = 256;
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var pending))
                batch.Add(pending);
            try
            {
                InTransaction(() => batch.ForEach(Apply));
                batch.ForEach(Completed);
            }
            catch (LiteException) when (batch.Count > 1)
            {
                // One bad turn must not fail its neighbours: retry each alone so only it reports the error.
                foreach (var pending in batch)
                    CommitAlone(pending);
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Completion.TrySetException(ex));
            }
            _commitsSincePrune += batch.Count;
            batch.Clear();
            if (_commitsSincePrune >= CommitsBetweenPrunes)
                PruneDeliveries();
        }
    }

    private void PruneDeliveries()
    {
        _commitsSincePrune = 0;
        var cutoff = _time.GetUtcNow() - DeliveryRetention;
        _deliveries.DeleteMany(d => d.At < cutoff);
    }

    private void CommitAlone(PendingWrite pending)
    {
        try
        {
            InTransaction(() => Apply(pending));
            Completed(pending);
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(ex);
        }
    }

    /// <summary>After its transaction: the caches and the outbox index learn what is now durable, then the caller does.</summary>
    private void Completed(PendingWrite pending)
    {
        if (pending.Changes is { } changes)
        {
            if (changes.State is { } state)
                Cache(state);
            _outboxIndex.Add(changes.Outbox);
        }
        _outboxIndex.Settle(pending.Settlements);
        pending.Completion.TrySetResult();
    }

    private ValueTask Write(PendingWrite pending)
    {
        ObjectDisposedException.ThrowIf(!_writes.Writer.TryWrite(pending), this);
        return new ValueTask(pending.Completion.Task);
    }

    private void Cache(UserState state)
    {
        if (_states.Count >= MaxCachedStates)
            _states.Clear();
        _states[state.Key] = state.Clone();
    }

    private void Apply(PendingWrite pending)
    {
        if (pending.Changes is { } changes)
            Apply(changes);
        foreach (var settlement in pending.Settlements)
            Apply(settlement);
    }

    /// <summary>A sent reply is deleted (nothing looks it up, and it may hold a channel's reply token); posts, answers and expired messages stay until pruned.</summary>
    private void Apply(OutboxSettlement settlement)
    {
        var message = settlement.Message.Clone();
        switch (settlement.Outcome)
        {
            case OutboxOutcome.Sent when message.Purpose == OutboxPurpose.Reply:
                _outbox.Delete(message.Id);
                return;
            case OutboxOutcome.Sent:
                message.DeliveredAt = settlement.At;
                message.ChannelMessageId = settlement.ChannelMessageId;
                message.LastError = null;
                break;
            case OutboxOutcome.Expired:
                message.ExpiredAt = settlement.At;
                message.LastError = settlement.Error;
                break;
            default:
                message.NextAttemptAt = settlement.At;
                message.LastError = settlement.Error;
                break;
        }
        _outbox.Update(message);
    }

    private void Apply(TurnChanges changes)
    {
        if (changes.State is { } state)
            _users.Upsert(state);
        if (changes.Feedback is { } feedback)
            _feedback.Upsert(feedback);
        if (changes.Question is { } question)
            _questions.Insert(question);
        if (changes.Events.Count > 0)
            _events.InsertBulk(changes.Events);
        if (changes.Outbox.Count > 0)
            InsertOutbox(changes.Outbox);
        if (changes.DeliveryId is { } delivery)
            _deliveries.Upsert(new HandledDelivery { Id = delivery, At = _time.GetUtcNow() });
    }

    /// <summary>A turn's changes or a batch of outbox settlements, waiting for the writer's next transaction.</summary>
    private sealed class PendingWrite(TurnChanges? changes, IReadOnlyList<OutboxSettlement> settlements)
    {
        public TurnChanges? Changes { get; } = changes;

        public IReadOnlyList<OutboxSettlement> Settlements { get; } = settlements;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private void InTransaction(Action work) => InTransaction(() =>
    {
        work();
        return 0;
    });

    private T InTransaction<T>(Func<T> work)
    {
        // LiteDB transactions belong to the calling thread; every method here completes synchronously.
        _database.BeginTrans();
        try
        {
            var result = work();
            _database.Commit();
            return result;
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    public static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper();
        mapper.RegisterType(
            value => new BsonValue(value.UtcDateTime),
            bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
        mapper.Entity<UserState>().Id(s => s.Key, autoId: false);
        mapper.Entity<Feedback>().Id(f => f.Id, autoId: false);
        mapper.Entity<Question>().Id(q => q.Id, autoId: false);
        mapper.Entity<DialogEvent>().Id(e => e.Id, autoId: false);
        mapper.Entity<HandledDelivery>().Id(d => d.Id, autoId: false);
        mapper.Entity<OutboxMessage>().Id(o => o.Id, autoId: false);
        mapper.Entity<ReviewDecision>().Id(d => d.Id, autoId: false);
        return mapper;
    }
}
