using System.Data.Common;
using HelpBot.Engine.Storage;
using Npgsql;

namespace HelpBot.Storage.Postgres;

/// <summary>
/// The outbox table's columns as the store reads them, and settlements written in batches: those waiting at the same
/// moment, from any number of chats, go to the server as one batch of statements in one round trip. Settlements commit
/// without waiting for the server's disk (<c>synchronous_commit = off</c>, on connections of their own): a server crash
/// may forget the last few, and their messages are sent again, which the delivery guarantee (at least once) allows;
/// waiting for the disk would cost each reply a second flush after its turn's.
/// </summary>
internal sealed class PostgresOutbox : IAsyncDisposable
{
    /// <summary>A message's delivery state, kept in columns (senders change it in place); the rest is its JSON <c>data</c>.</summary>
    public const string StateColumns = "o.seq, o.attempts, o.next_attempt_at, o.delivered_at, o.expired_at, o.last_error, o.channel_message_id";

    public const string IsPending = "delivered_at IS NULL AND expired_at IS NULL";

    private readonly NpgsqlDataSource _dataSource;
    private readonly Batcher<(IReadOnlyList<OutboxSettlement> Settlements, TaskCompletionSource Done)> _batcher;

    public PostgresOutbox(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c synchronous_commit=off" }.ConnectionString);
        _batcher = new(WriteAllAsync);
    }

    /// <summary>Sets <paramref name="message"/>'s delivery state from the <see cref="StateColumns"/> starting at <paramref name="first"/>.</summary>
    public static OutboxMessage ReadState(DbDataReader reader, OutboxMessage message, int first)
    {
        message.Sequence = reader.GetInt64(first);
        message.Attempts = reader.GetInt32(first + 1);
        message.NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(first + 2);
        message.DeliveredAt = reader.IsDBNull(first + 3) ? null : reader.GetFieldValue<DateTimeOffset>(first + 3);
        message.ExpiredAt = reader.IsDBNull(first + 4) ? null : reader.GetFieldValue<DateTimeOffset>(first + 4);
        message.LastError = reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5);
        message.ChannelMessageId = reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6);
        return message;
    }

    public Task SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _batcher.Add((settlements, done));
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAllAsync(IReadOnlyList<(IReadOnlyList<OutboxSettlement> Settlements, TaskCompletionSource Done)> batch)
    {
        try
        {
            await WriteAsync(batch.SelectMany(b => b.Settlements).ToList());
            foreach (var (_, done) in batch)
                done.TrySetResult();
        }
        catch (Exception ex)
        {
            foreach (var (_, done) in batch)
                done.TrySetException(ex);
        }
    }

    /// <summary>
    /// One round trip, in one implicit transaction: sent replies deleted together (nothing looks them up, and they hold
    /// channels' reply tokens), the rest updated row by row.
    /// </summary>
    private async Task WriteAsync(List<OutboxSettlement> settlements)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var deleted = settlements
            .Where(IsDeleted)
            .Select(s => s.Message.Id).ToArray();
        if (deleted.Length > 0)
            batch.BatchCommands.Add(PostgresCommands.Statement("DELETE FROM outbox WHERE id = ANY($1)", (object)deleted));
        foreach (var settlement in settlements.Where(s => !IsDeleted(s)))
        {
            var id = settlement.Message.Id;
            batch.BatchCommands.Add(settlement.Outcome switch
            {
                OutboxOutcome.Sent => PostgresCommands.Statement("UPDATE outbox SET delivered_at = $2, channel_message_id = $3, last_error = NULL, attempts = $4 WHERE id = $1",
                    id, settlement.At.ToUniversalTime(), (object?)settlement.ChannelMessageId ?? DBNull.Value, settlement.Message.Attempts),
                OutboxOutcome.Expired => PostgresCommands.Statement("UPDATE outbox SET expired_at = $2, last_error = $3, attempts = $4 WHERE id = $1",
                    id, settlement.At.ToUniversalTime(), (object?)settlement.Error ?? DBNull.Value, settlement.Message.Attempts),
                _ => PostgresCommands.Statement("UPDATE outbox SET next_attempt_at = $2, last_error = $3, attempts = $4 WHERE id = $1",
                    id, settlement.At.ToUniversalTime(), (object?)settlement.Error ?? DBNull.Value, settlement.Message.Attempts),
            });
        }
        await batch.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static bool IsDeleted(OutboxSettlement settlement) => settlement is { Outcome: OutboxOutcome.Sent, Message.Purpose: OutboxPurpose.Reply };
}
