using System.Text;
using HelpBot.Engine.Storage;
using Npgsql;

namespace HelpBot.Storage.Postgres;

/// <summary>
/// Which chats this instance sends to, held as PostgreSQL session-level advisory locks on one connection of its own.
/// The server frees them the moment that connection closes, so when an instance dies another takes its chats over at
/// its next look (a second or so), not after a lease. Requests waiting at the same moment go to the server in one
/// batch, as a group commit does.
/// </summary>
internal sealed class ChatLocks : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _connectionGate = new(1, 1);
    private readonly Lock _gate = new();
    private readonly HashSet<long> _held = [];
    private readonly Batcher<Request> _batcher;
    private NpgsqlConnection? _connection;
    private int _disposed;

    public ChatLocks(string connectionString)
    {
        // A connection of its own that notices within seconds when the server is gone, even while idle: its locks
        // went with it, and the senders holding chats must stop (see Holds).
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 1, Pooling = false }.ConnectionString);
        _batcher = new Batcher<Request>(SendBatchAsync);
    }

    /// <summary>One statement (or two) sent for a caller, and what its results mean.</summary>
    private abstract class Request
    {
        public TaskCompletionSource<object?> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public abstract void AddTo(NpgsqlBatch batch);

        /// <summary>Reads this request's result sets (positioned at its first) and leaves the reader past its last.</summary>
        public abstract Task<object?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken);
    }

    /// <summary>The lock key of a chat: 64 bits of FNV-1a over its channel and id, the same in every instance.</summary>
    public static long KeyOf(OutboxChat chat)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(chat.Channel + "\n" + chat.ChatId))
            hash = (hash ^ b) * 1099511628211UL;
        return unchecked((long)hash);
    }

    public async Task<IReadOnlyList<OutboxMessage>?> TryClaimAsync(OutboxChat chat, IReadOnlyCollection<OutboxMessage> known, CancellationToken cancellationToken)
    {
        var key = KeyOf(chat);
        lock (_gate)
        {
            // Held here already (a colliding key): the sweep takes this chat once that one is released.
            if (!_held.Add(key))
                return null;
        }
        try
        {
            var rows = (List<OutboxMessage>?)await SendAsync(new ClaimChat(key, chat, known), cancellationToken);
            if (rows is null)
                Forget(key);
            return rows;
        }
        catch
        {
            Forget(key);
            throw;
        }
    }

    public async Task<bool> ReleaseAsync(OutboxChat chat, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = KeyOf(chat);
        try
        {
            return (bool)(await SendAsync(new ReleaseChat(key, chat, now), cancellationToken))!;
        }
        finally
        {
            Forget(key);
        }
    }

    /// <summary>Locks what it can of <paramref name="candidates"/> (chats with a due head, oldest first), trying at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<OutboxChat>> TryClaimAnyAsync(IEnumerable<OutboxChat> candidates, int max, CancellationToken cancellationToken)
    {
        var tries = new List<(OutboxChat Chat, long Key)>();
        lock (_gate)
        {
            foreach (var chat in candidates.TakeWhile(_ => tries.Count < max))
            {
                var key = KeyOf(chat);
                if (_held.Add(key))
                    tries.Add((chat, key));
            }
        }
        var locking = tries.Select(t => SendAsync(new TryLock(t.Key), cancellationToken)).ToList();
        var claimed = new List<OutboxChat>();
        for (var i = 0; i < tries.Count; i++)
        {
            var got = false;
            try
            {
                got = (bool)(await locking[i])!;
            }
            finally
            {
                if (!got)
                    Forget(tries[i].Key);
            }
            if (got)
                claimed.Add(tries[i].Chat);
        }
        return claimed;
    }

    /// <summary>Whether the lock is held: a dropped connection cleared every one (the server freed them).</summary>
    public bool Holds(OutboxChat chat)
    {
        lock (_gate)
            return _held.Contains(KeyOf(chat));
    }

    private void Forget(long key)
    {
        lock (_gate)
            _held.Remove(key);
    }

    private Task<object?> SendAsync(Request request, CancellationToken cancellationToken)
    {
        _batcher.Add(request);
        return request.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task SendBatchAsync(IReadOnlyList<Request> requests)
    {
        await _connectionGate.WaitAsync();
        try
        {
            await RunAsync(requests);
        }
        finally
        {
            _connectionGate.Release();
        }
    }

    private async Task RunAsync(IReadOnlyList<Request> requests)
    {
        try
        {
            _connection ??= await OpenAsync();
            await using var batch = new NpgsqlBatch(_connection);
            foreach (var request in requests)
                request.AddTo(batch);
            await using var reader = await batch.ExecuteReaderAsync();
            var results = new List<object?>(requests.Count);
            foreach (var request in requests)
                results.Add(await request.ReadAsync(reader, CancellationToken.None));
            await reader.DisposeAsync();
            for (var i = 0; i < requests.Count; i++)
                requests[i].Result.TrySetResult(results[i]);
        }
        catch (Exception ex)
        {
            // A broken connection took every lock with it: the server has freed them, so this instance holds nothing.
            if (_connection is { FullState: not System.Data.ConnectionState.Open })
                await DropConnectionAsync();
            foreach (var request in requests)
                request.Result.TrySetException(ex);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = await _dataSource.OpenConnectionAsync();
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState is System.Data.ConnectionState.Closed or System.Data.ConnectionState.Broken)
            {
                lock (_gate)
                    _held.Clear();
            }
        };
        return connection;
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            lock (_gate)
                _held.Clear();
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A host disposes its store both ways (IAsyncDisposable and IDisposable): the second call finds nothing to do.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _connectionGate.WaitAsync();
        try
        {
            await DropConnectionAsync();
        }
        finally
        {
            _connectionGate.Release();
        }
        _connectionGate.Dispose();
        await _dataSource.DisposeAsync();
    }

    private sealed class TryLock(long key) : Request
    {
        public override void AddTo(NpgsqlBatch batch) => batch.BatchCommands.Add(PostgresCommands.Statement("SELECT pg_try_advisory_lock($1)", key));

        public override async Task<object?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
        {
            await reader.ReadAsync(cancellationToken);
            var got = reader.GetBoolean(0);
            await reader.NextResultAsync(cancellationToken);
            return got;
        }
    }

    /// <summary>
    /// Locks the chat and reads its pending messages in one statement (the lock is taken once: a volatile CTE is not
    /// inlined). The data of messages the caller has is not sent back.
    /// </summary>
    private sealed class ClaimChat(long key, OutboxChat chat, IReadOnlyCollection<OutboxMessage> known) : Request
    {
        public override void AddTo(NpgsqlBatch batch) => batch.BatchCommands.Add(PostgresCommands.Statement($"""
            WITH claim AS (SELECT pg_try_advisory_lock($1) AS got)
            SELECT claim.got, o.id, CASE WHEN o.id = ANY($4) THEN NULL ELSE o.data END, {PostgresOutbox.StateColumns}
            FROM claim LEFT JOIN outbox o ON claim.got AND o.channel = $2 AND o.chat_id = $3 AND {PostgresOutbox.IsPending}
            ORDER BY o.seq
            """, key, chat.Channel, chat.ChatId, known.Select(k => k.Id).ToArray()));

        public override async Task<object?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
        {
            List<OutboxMessage>? rows = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!reader.GetBoolean(0))
                    break;
                rows ??= [];
                if (reader.IsDBNull(1))
                    continue;
                var id = reader.GetString(1);
                var message = reader.IsDBNull(2) ? known.First(k => k.Id == id).Clone() : PostgresCommands.Read<OutboxMessage>(reader, 2);
                rows.Add(PostgresOutbox.ReadState(reader, message, 3));
            }
            while (await reader.ReadAsync(cancellationToken))
            {
                // the rest of a refused claim's single row, if any
            }
            await reader.NextResultAsync(cancellationToken);
            return rows;
        }
    }

    /// <summary>
    /// Unlocks, then (a statement of its own, so with a snapshot taken after the unlock) asks whether the chat's head is
    /// due: a message committed by an instance that could not claim the chat while this one held it.
    /// </summary>
    private sealed class ReleaseChat(long key, OutboxChat chat, DateTimeOffset now) : Request
    {
        public override void AddTo(NpgsqlBatch batch)
        {
            batch.BatchCommands.Add(PostgresCommands.Statement("SELECT pg_advisory_unlock($1)", key));
            batch.BatchCommands.Add(PostgresCommands.Statement(
                $"SELECT coalesce((SELECT next_attempt_at <= $3 FROM outbox WHERE channel = $1 AND chat_id = $2 AND {PostgresOutbox.IsPending} ORDER BY seq LIMIT 1), false)",
                chat.Channel, chat.ChatId, now));
        }

        public override async Task<object?> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var due = reader.GetBoolean(0);
            await reader.NextResultAsync(cancellationToken);
            return due;
        }
    }
}
