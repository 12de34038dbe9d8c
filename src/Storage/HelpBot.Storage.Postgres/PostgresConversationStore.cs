using System.Data.Common;
using System.Text.Json;
using HelpBot.Engine.Storage;
using Npgsql;
using static HelpBot.Storage.Postgres.PostgresCommands;

namespace HelpBot.Storage.Postgres;

/// <summary>
/// <see cref="IConversationStore"/> on PostgreSQL, shared by several bot instances. A turn commits in one transaction;
/// a user's state carries a revision, so of two instances committing the same user's turns at once one is refused
/// (<see cref="TurnConflictException"/>) and runs its turn again, and a delivery id is recorded once, so a redelivered
/// update handled by two instances is answered once.
/// </summary>
public sealed class PostgresConversationStore : IConversationStore, IModerationStore, IOutboxStore, IStorageHealth, IReviewStore, IAsyncDisposable, IDisposable
{
    /// <summary>Channels redeliver within hours (Telegram) or seconds (Discord); older delivery ids are dropped.</summary>
    public static readonly TimeSpan DeliveryRetention = TimeSpan.FromDays(7);
    private const int CommitsBetweenPrunes = 10_000;
    private int _commitsSincePrune;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresOutbox _outbox;
    private readonly ChatLocks _chatLocks;

    private PostgresConversationStore(string connectionString, string location)
    {
        var dataSource = _dataSource = NpgsqlDataSource.Create(connectionString);
        _outbox = new PostgresOutbox(connectionString);
        _chatLocks = new ChatLocks(connectionString);
        Location = location;
    }

    public string Location { get; }

    /// <summary>
    /// The store's connections, for the host's own tables on the same database (the moderators' console's); the store
    /// owns and disposes it.
    /// </summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>
    /// Connects, creates or migrates the schema, and reads every table through; throws <see cref="StorageUnavailableException"/>
    /// with one line when the server cannot be reached or used.
    /// </summary>
    public static async Task<PostgresConversationStore> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // The same few statements run for every turn: prepared once per connection, the server stops parsing and
        // planning each (15–30 % more updates/s in the host benchmark), unless the connection string says otherwise.
        if (builder.MaxAutoPrepare == 0)
            builder.MaxAutoPrepare = 64;
        var location = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        var store = new PostgresConversationStore(builder.ConnectionString, location);
        try
        {
            await PostgresSchema.MigrateAsync(store._dataSource, cancellationToken);
            await store.VerifyAsync(cancellationToken);
            return store;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or JsonException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await store.DisposeAsync();
            throw new StorageUnavailableException(
                $"Storage: {location} cannot be used ({StorageUnavailableException.OneLine(ex)}). "
                + "Check Storage:ConnectionString, that the server runs and that the role may create tables in the database.", ex);
        }
    }

    public async ValueTask<StorageReport> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in PostgresSchema.Tables)
        {
            // Every record must parse, not only count.
            var hasData = table != "deliveries";
            await using var command = new NpgsqlCommand(hasData ? $"SELECT data FROM {table}" : $"SELECT id FROM {table}", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long count = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (hasData)
                    JsonDocument.Parse(reader.GetString(0)).Dispose();
                count++;
            }
            counts[table] = count;
        }
        return new StorageReport(Location, counts);
    }

    public async ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask<UserState?> FindUserAsync(string userKey, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT data, revision FROM users WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var state = Read<UserState>(reader);
        state.Revision = reader.GetInt64(1);
        return state;
    }

    public async ValueTask<Feedback?> FindFeedbackAsync(string userKey, string guide, CancellationToken cancellationToken) =>
        await FindAsync<Feedback>("SELECT data FROM feedback WHERE id = $1", Feedback.IdFor(userKey, guide), cancellationToken);

    public async ValueTask<bool> WasHandledAsync(string deliveryId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1 FROM deliveries WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = deliveryId });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>
    /// One transaction, its statements sent as one batch (a round trip for them and one for the commit). A delivery id
    /// already recorded, or a state changed since it was read, affects no row: the transaction is rolled back and the
    /// turn runs again (<see cref="TurnConflictException"/>).
    /// </summary>
    public async ValueTask CommitAsync(TurnChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var mustAffect = new List<(NpgsqlBatchCommand Command, string Conflict)>();
        if (changes.DeliveryId is { } delivery)
        {
            var insert = Statement("INSERT INTO deliveries (id, at) VALUES ($1, now()) ON CONFLICT DO NOTHING", delivery);
            mustAffect.Add((insert, $"delivery {delivery} was handled by another instance"));
        }
        if (changes.State is { } state)
        {
            var write = state.Revision == 0
                ? Statement("INSERT INTO users (key, revision, data) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING", state.Key, JsonOf(state))
                : Statement("UPDATE users SET revision = revision + 1, data = $2 WHERE key = $1 AND revision = $3", state.Key, JsonOf(state), state.Revision);
            mustAffect.Add((write, $"the state of {state.Key} changed since it was read"));
        }
        mustAffect.ForEach(m => batch.BatchCommands.Add(m.Command));
        if (changes.Feedback is { } feedback)
        {
            batch.BatchCommands.Add(Statement(
                "INSERT INTO feedback (id, user_key, community, at, data) VALUES ($1, $2, $3, $4, $5) "
                + "ON CONFLICT (id) DO UPDATE SET community = excluded.community, at = excluded.at, data = excluded.data",
                feedback.Id, feedback.UserKey, feedback.Community, feedback.At, JsonOf(feedback)));
        }
        if (changes.Question is { } question)
            batch.BatchCommands.Add(InsertQuestion(question));
        foreach (var e in changes.Events)
        {
            batch.BatchCommands.Add(Statement("INSERT INTO events (id, user_key, community, at, data) VALUES ($1, $2, $3, $4, $5)",
                e.Id, e.UserKey, e.Community, e.At, JsonOf(e)));
        }
        var outbox = changes.Outbox.Select(InsertOutbox).ToList();
        outbox.ForEach(batch.BatchCommands.Add);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (mustAffect.Find(m => m.Command.RecordsAffected == 0) is { Command: not null } conflict)
            throw new TurnConflictException(conflict.Conflict);
        await transaction.CommitAsync(cancellationToken);
        if (changes.State is { } committed)
            committed.Revision++;
        if (Interlocked.Increment(ref _commitsSincePrune) % CommitsBetweenPrunes == 0)
            await ExecuteAsync(connection, "DELETE FROM deliveries WHERE at < now() - $1", cancellationToken, DeliveryRetention);
    }

    public async ValueTask<int> ForgetUserAsync(string userKey, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = 0;
        foreach (var (table, column) in new[] { ("users", "key"), ("feedback", "user_key"), ("questions", "user_key"), ("events", "user_key"), ("outbox", "user_key") })
            removed += await ExecuteAsync(connection, $"DELETE FROM {table} WHERE {column} = $1", cancellationToken, userKey);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async ValueTask<Question?> FindQuestionAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync<Question>("SELECT data FROM questions WHERE id = $1", id, cancellationToken);

    public async ValueTask<IReadOnlyList<Question>> ListQuestionsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        await ListAsync<Question>("SELECT data FROM questions WHERE community = $1 AND asked_at >= $2 ORDER BY asked_at", cancellationToken, community, since);

    public async ValueTask<int> CountOpenQuestionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT count(*) FROM questions WHERE status = $1", (int)QuestionStatus.Open);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask<IReadOnlyList<Feedback>> ListFeedbackAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        await ListAsync<Feedback>("SELECT data FROM feedback WHERE community = $1 AND at >= $2 ORDER BY at", cancellationToken, community, since);

    public async ValueTask<IReadOnlyList<DialogEvent>> ListEventsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        await ListAsync<DialogEvent>("SELECT data FROM events WHERE community = $1 AND at >= $2 ORDER BY at", cancellationToken, community, since);

    public async ValueTask<IReadOnlyList<DialogEvent>> ListEventsAsync(string community, IReadOnlyCollection<DialogEventKind> kinds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        // The kind is read from the JSON as migration 4's index has it (events_kind), so inserts need no new column.
        return await ListAsync<DialogEvent>("SELECT data FROM events WHERE community = $1 AND ((data->>'Kind')::int) = ANY($2) AND at >= $3 ORDER BY at",
            cancellationToken, community, kinds.Select(k => (int)k).ToArray(), since);
    }

    public async ValueTask<IReadOnlyList<Question>> ListOpenQuestionsAsync(string community, CancellationToken cancellationToken) =>
        await ListAsync<Question>("SELECT data FROM questions WHERE community = $1 AND status = $2 ORDER BY asked_at", cancellationToken, community, (int)QuestionStatus.Open);

    public async ValueTask<IReadOnlyList<DialogEvent>> ListUserEventsAsync(string userKey, int max, CancellationToken cancellationToken) =>
        await ListAsync<DialogEvent>("SELECT data FROM (SELECT data, at FROM events WHERE user_key = $1 ORDER BY at DESC LIMIT $2) latest ORDER BY at", cancellationToken, userKey, max);

    public async ValueTask<bool> TryResolveQuestionAsync(Question resolved, OutboxMessage? delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The status check is in the UPDATE itself: of two moderators answering at once, on any instances, exactly one wins.
        if (await ExecuteAsync(connection, "UPDATE questions SET status = $2, data = $3 WHERE id = $1 AND status = $4",
                cancellationToken, resolved.Id, (int)resolved.Status, JsonOf(resolved), (int)QuestionStatus.Open) == 0)
            return false;
        if (delivery is not null)
            await InsertOutboxAsync(connection, delivery, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async ValueTask<bool> RateAnswerAsync(string questionId, string userKey, bool helpful, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var question = await FindAsync<Question>(connection, "SELECT data FROM questions WHERE id = $1 FOR UPDATE", questionId, cancellationToken);
        if (question is not { Status: QuestionStatus.Answered } || question.UserKey != userKey)
            return false;
        question.AnswerHelpful = helpful;
        await ExecuteAsync(connection, "UPDATE questions SET data = $2 WHERE id = $1", cancellationToken, question.Id, JsonOf(question));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async ValueTask<IReadOnlyList<OutboxMessage>> PendingOutboxAsync(string community, CancellationToken cancellationToken) =>
        await ListOutboxAsync($"{PendingOutbox} AND community = $1 ORDER BY seq", cancellationToken, community);

    public async ValueTask<OutboxMessage?> FindPostAsync(string channel, string chatId, string channelMessageId, CancellationToken cancellationToken)
    {
        var found = await ListOutboxAsync(
            $"{SelectOutbox} WHERE channel = $1 AND chat_id = $2 AND channel_message_id = $3 LIMIT 1", cancellationToken, channel, chatId, channelMessageId);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>
    /// Finds chats whose head is due through the index of due pending messages (a due message whose chat has an earlier
    /// pending one is not a head), then locks what it can of them in one batch: chats other instances hold are skipped.
    /// </summary>
    public async ValueTask<IReadOnlyList<OutboxChat>> ClaimDueChatsAsync(string channel, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var candidates = new List<OutboxChat>();
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var command = Command(connection, $"""
                SELECT d.chat_id FROM (
                    SELECT chat_id, min(seq) AS seq FROM (
                        SELECT chat_id, seq FROM outbox
                        WHERE channel = $1 AND {PostgresOutbox.IsPending} AND next_attempt_at <= $2
                        ORDER BY next_attempt_at, seq LIMIT $3) due
                    GROUP BY chat_id) d
                WHERE NOT EXISTS (SELECT 1 FROM outbox h
                    WHERE h.channel = $1 AND h.chat_id = d.chat_id AND h.delivered_at IS NULL AND h.expired_at IS NULL AND h.seq < d.seq)
                ORDER BY d.seq
                """, channel, now, Math.Max(max, 1) * 4);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                candidates.Add(new OutboxChat(channel, reader.GetString(0)));
        }
        return await _chatLocks.TryClaimAnyAsync(candidates, max, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<OutboxMessage>?> TryClaimChatAsync(OutboxChat chat, IReadOnlyCollection<OutboxMessage> known, CancellationToken cancellationToken) =>
        await _chatLocks.TryClaimAsync(chat, known, cancellationToken);

    public async ValueTask<IReadOnlyList<OutboxMessage>> ReadChatAsync(OutboxChat chat, CancellationToken cancellationToken) =>
        await ListOutboxAsync($"{SelectOutbox} WHERE channel = $1 AND chat_id = $2 AND {PostgresOutbox.IsPending} ORDER BY seq", cancellationToken, chat.Channel, chat.ChatId);

    public async ValueTask<bool> ReleaseChatAsync(OutboxChat chat, DateTimeOffset now, CancellationToken cancellationToken) =>
        await _chatLocks.ReleaseAsync(chat, now, cancellationToken);

    public bool Holds(OutboxChat chat) => _chatLocks.Holds(chat);

    public async ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        if (settlements.Count > 0)
            await _outbox.SettleAsync(settlements, cancellationToken);
    }

    public async ValueTask<int> CountPendingAsync(string? channel, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, $"SELECT count(*) FROM outbox WHERE {PostgresOutbox.IsPending} AND ($1::text IS NULL OR channel = $1)",
            (object?)channel ?? DBNull.Value);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask<int> PruneAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(connection, "DELETE FROM outbox WHERE delivered_at < $1 OR expired_at < $1", cancellationToken, settledBefore);
    }

    public async ValueTask<IReadOnlyList<ReviewDecision>> ListReviewDecisionsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        await ListAsync<ReviewDecision>("SELECT data FROM reviews WHERE community = $1 AND at >= $2 ORDER BY at", cancellationToken, community, since);

    public async ValueTask SaveReviewDecisionAsync(ReviewDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection,
            "INSERT INTO reviews (id, community, at, data) VALUES ($1, $2, $3, $4) "
            + "ON CONFLICT (id) DO UPDATE SET community = excluded.community, at = excluded.at, data = excluded.data",
            cancellationToken, decision.Id, decision.Community, decision.At, JsonOf(decision));
    }

    private const string SelectOutbox = "SELECT o.data, " + PostgresOutbox.StateColumns + " FROM outbox o";

    private const string PendingOutbox = SelectOutbox + " WHERE " + PostgresOutbox.IsPending;

    private async Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadOutboxAsync(connection, sql, cancellationToken, values);
    }

    private static async Task<List<OutboxMessage>> ReadOutboxAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<OutboxMessage>();
        while (await reader.ReadAsync(cancellationToken))
            found.Add(PostgresOutbox.ReadState(reader, PostgresCommands.Read<OutboxMessage>(reader), 1));
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await _chatLocks.DisposeAsync();
        await _outbox.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static NpgsqlBatchCommand InsertQuestion(Question question) =>
        Statement("INSERT INTO questions (id, user_key, community, status, asked_at, data) VALUES ($1, $2, $3, $4, $5, $6)",
            question.Id, question.UserKey, question.Community, (int)question.Status, question.AskedAt, JsonOf(question));

    /// <summary>The server numbers the message (<c>seq</c>) as it is written; senders read the number back when they claim its chat.</summary>
    private static NpgsqlBatchCommand InsertOutbox(OutboxMessage message) =>
        Statement(
            "INSERT INTO outbox (id, channel, chat_id, user_key, community, attempts, next_attempt_at, delivered_at, expired_at, last_error, channel_message_id, data) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            message.Id, message.Channel, message.ChatId, message.UserKey, message.Community, message.Attempts, message.NextAttemptAt,
            (object?)message.DeliveredAt ?? DBNull.Value, (object?)message.ExpiredAt ?? DBNull.Value, (object?)message.LastError ?? DBNull.Value,
            (object?)message.ChannelMessageId ?? DBNull.Value, JsonOf(message));

    private static async Task InsertOutboxAsync(NpgsqlConnection connection, OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(InsertOutbox(message));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<T?> FindAsync<T>(string sql, string id, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync<T>(connection, sql, id, cancellationToken);
    }

    private static async Task<T?> FindAsync<T>(NpgsqlConnection connection, string sql, string id, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = Command(connection, sql, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read<T>(reader) : null;
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            found.Add(Read<T>(reader));
        return found;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Command(connection, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
