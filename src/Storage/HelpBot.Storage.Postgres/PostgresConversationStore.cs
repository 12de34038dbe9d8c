using System.Data.Common;
using System.Text.Json;
using HelpBot.Engine.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HelpBot.Storage.Postgres;

/// <summary>
/// <see cref="IConversationStore"/> on PostgreSQL, shared by several bot instances. A turn commits in one transaction;
/// a user's state carries a revision, so of two instances committing the same user's turns at once one is refused
/// (<see cref="TurnConflictException"/>) and runs its turn again, and a delivery id is recorded once, so a redelivered
/// update handled by two instances is answered once.
/// </summary>
public sealed class PostgresConversationStore : IConversationStore, IModerationStore, IOutboxStore, IStorageHealth, IReviewStore, IAsyncDisposable, IDisposable
{
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>Channels redeliver within hours (Telegram) or seconds (Discord); older delivery ids are dropped.</summary>
    public static readonly TimeSpan DeliveryRetention = TimeSpan.FromDays(7);
    private const int CommitsBetweenPrunes = 10_000;
    private int _commitsSincePrune;

    private readonly NpgsqlDataSource _dataSource;

    private PostgresConversationStore(NpgsqlDataSource dataSource, string location)
    {
        _dataSource = dataSource;
        Location = location;
    }

    public string Location { get; }

    /// <summary>
    /// Connects, creates or migrates the schema, and reads every table through; throws <see cref="StorageUnavailableException"/>
    /// with one line when the server cannot be reached or used.
    /// </summary>
    public static async Task<PostgresConversationStore> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var location = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        var store = new PostgresConversationStore(NpgsqlDataSource.Create(builder.ConnectionString), location);
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

    public async ValueTask CommitAsync(TurnChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (changes.DeliveryId is { } delivery
            && await ExecuteAsync(connection, "INSERT INTO deliveries (id, at) VALUES ($1, now()) ON CONFLICT DO NOTHING", cancellationToken, delivery) == 0)
            throw new TurnConflictException($"delivery {delivery} was handled by another instance");
        if (changes.State is { } state)
        {
            var written = state.Revision == 0
                ? await ExecuteAsync(connection, "INSERT INTO users (key, revision, data) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING", cancellationToken, state.Key, JsonOf(state))
                : await ExecuteAsync(connection, "UPDATE users SET revision = revision + 1, data = $2 WHERE key = $1 AND revision = $3", cancellationToken, state.Key, JsonOf(state), state.Revision);
            if (written == 0)
                throw new TurnConflictException($"the state of {state.Key} changed since it was read");
        }
        if (changes.Feedback is { } feedback)
        {
            await ExecuteAsync(connection,
                "INSERT INTO feedback (id, user_key, community, at, data) VALUES ($1, $2, $3, $4, $5) "
                + "ON CONFLICT (id) DO UPDATE SET community = excluded.community, at = excluded.at, data = excluded.data",
                cancellationToken, feedback.Id, feedback.UserKey, feedback.Community, feedback.At, JsonOf(feedback));
        }
        if (changes.Question is { } question)
            await InsertQuestionAsync(connection, question, cancellationToken);
        foreach (var e in changes.Events)
        {
            await ExecuteAsync(connection, "INSERT INTO events (id, user_key, community, at, data) VALUES ($1, $2, $3, $4, $5)",
                cancellationToken, e.Id, e.UserKey, e.Community, e.At, JsonOf(e));
        }
        foreach (var message in changes.Outbox)
            await InsertOutboxAsync(connection, message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (changes.State is { } committed)
            committed.Revision++;
        if (Interlocked.Increment(ref _commitsSincePrune) % CommitsBetweenPrunes == 0)
            await ExecuteAsync(connection, "DELETE FROM deliveries WHERE at < $1", cancellationToken, DateTimeOffset.UtcNow - DeliveryRetention);
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

    public async ValueTask<IReadOnlyList<OutboxMessage>> ClaimAsync(string channel, string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Claims of one channel take turns across instances, so each sees the heads the previous claim left.
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1, hashtext($2))", cancellationToken, ClaimLock, channel);
        var claimed = await ReadOutboxAsync(connection, $"""
            WITH heads AS (
                SELECT DISTINCT ON (chat_id) id, seq, next_attempt_at, lease_until FROM outbox
                WHERE channel = $1 AND delivered_at IS NULL AND expired_at IS NULL
                ORDER BY chat_id, seq),
            claimable AS (
                SELECT id FROM heads WHERE next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
                ORDER BY seq LIMIT $5)
            UPDATE outbox SET lease_owner = $3, lease_until = $4, attempts = attempts + 1
            WHERE id IN (SELECT id FROM claimable)
            RETURNING {OutboxColumns}
            """, cancellationToken, channel, now, owner, now + lease, max);
        await transaction.CommitAsync(cancellationToken);
        return claimed.OrderBy(o => o.Sequence).ToList();
    }

    public ValueTask<bool> MarkSentAsync(string id, string owner, string? channelMessageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        SettleAsync("delivered_at = $3, channel_message_id = $4, last_error = NULL", cancellationToken, id, owner, at, (object?)channelMessageId ?? DBNull.Value);

    public ValueTask<bool> RetryLaterAsync(string id, string owner, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        SettleAsync("next_attempt_at = $3, last_error = $4", cancellationToken, id, owner, nextAttemptAt, reason);

    public ValueTask<bool> ExpireAsync(string id, string owner, DateTimeOffset at, string reason, CancellationToken cancellationToken) =>
        SettleAsync("expired_at = $3, last_error = $4", cancellationToken, id, owner, at, reason);

    public async ValueTask<int> CountPendingAsync(string? channel, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT count(*) FROM outbox WHERE delivered_at IS NULL AND expired_at IS NULL AND ($1::text IS NULL OR channel = $1)",
            (object?)channel ?? DBNull.Value);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Applies <paramref name="assignments"/> (over $3, $4) and ends the lease, only while <c>$2</c> holds it.</summary>
    private async ValueTask<bool> SettleAsync(string assignments, CancellationToken cancellationToken, params object[] values)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(connection,
            $"UPDATE outbox SET {assignments}, lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2 AND delivered_at IS NULL AND expired_at IS NULL",
            cancellationToken, values) == 1;
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

    /// <summary>An arbitrary constant naming the claim locks (with the channel's hash as the second key).</summary>
    private const int ClaimLock = 0x4842_6f78;

    private const string OutboxColumns =
        "data, seq, attempts, next_attempt_at, delivered_at, expired_at, last_error, channel_message_id, lease_owner, lease_until";

    private const string SelectOutbox = "SELECT " + OutboxColumns + " FROM outbox";

    private const string PendingOutbox = SelectOutbox + " WHERE delivered_at IS NULL AND expired_at IS NULL";

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
        {
            var message = Read<OutboxMessage>(reader);
            message.Sequence = reader.GetInt64(1);
            message.Attempts = reader.GetInt32(2);
            message.NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(3);
            message.DeliveredAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4);
            message.ExpiredAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5);
            message.LastError = reader.IsDBNull(6) ? null : reader.GetString(6);
            message.ChannelMessageId = reader.IsDBNull(7) ? null : reader.GetString(7);
            message.LeaseOwner = reader.IsDBNull(8) ? null : reader.GetString(8);
            message.LeaseUntil = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9);
            found.Add(message);
        }
        return found;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    private static Task<int> InsertQuestionAsync(NpgsqlConnection connection, Question question, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "INSERT INTO questions (id, user_key, community, status, asked_at, data) VALUES ($1, $2, $3, $4, $5, $6)",
            cancellationToken, question.Id, question.UserKey, question.Community, (int)question.Status, question.AskedAt, JsonOf(question));

    private static async Task InsertOutboxAsync(NpgsqlConnection connection, OutboxMessage message, CancellationToken cancellationToken)
    {
        await using var command = Command(connection,
            "INSERT INTO outbox (id, channel, chat_id, user_key, community, attempts, next_attempt_at, delivered_at, expired_at, last_error, channel_message_id, data) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING seq",
            message.Id, message.Channel, message.ChatId, message.UserKey, message.Community, message.Attempts, message.NextAttemptAt,
            (object?)message.DeliveredAt ?? DBNull.Value, (object?)message.ExpiredAt ?? DBNull.Value, (object?)message.LastError ?? DBNull.Value,
            (object?)message.ChannelMessageId ?? DBNull.Value, JsonOf(message));
        message.Sequence = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
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

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(Parameter(value));
        return command;
    }

    private static NpgsqlParameter Parameter(object value) => value switch
    {
        JsonText json => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json.Text },
        // Npgsql writes timestamptz from UTC values only.
        DateTimeOffset at => new NpgsqlParameter { Value = at.ToUniversalTime() },
        _ => new NpgsqlParameter { Value = value },
    };

    private static T Read<T>(DbDataReader reader) => JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!;

    private static JsonText JsonOf<T>(T value) => new(JsonSerializer.Serialize(value, Json));

    private readonly record struct JsonText(string Text);
}
