using HelpBot.Engine.Moderation;
using HelpBot.ModeratorConsole.SignIn;
using Npgsql;
using static HelpBot.Storage.Postgres.PostgresCommands;

namespace HelpBot.ConsoleState;

/// <summary>
/// The console's one-time sign-in links in table <c>console_link_tokens</c> of the shared database: a link issued by
/// one instance signs in on any, once, and outlives a restart. Rows hold the token's SHA-256, never the token.
/// </summary>
internal sealed class PostgresLinkTokenStore(NpgsqlDataSource dataSource, TimeProvider time) : ILinkTokenStore
{
    public async ValueTask AddAsync(byte[] tokenHash, ConsoleModerator moderator, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        await using var batch = dataSource.CreateBatch();
        // Expired links go when new ones come: at most a few moderators' links are ever waiting.
        batch.BatchCommands.Add(Statement("DELETE FROM console_link_tokens WHERE expires <= $1", time.GetUtcNow()));
        batch.BatchCommands.Add(Statement(
            "INSERT INTO console_link_tokens (token_hash, channel, user_id, community, expires) VALUES ($1, $2, $3, $4, $5)",
            tokenHash, moderator.Channel, moderator.UserId, moderator.Community, expires));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<ConsoleModerator?> TryConsumeAsync(byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One statement: of instances racing for one link, only the one whose DELETE takes the row signs in.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            "DELETE FROM console_link_tokens WHERE token_hash = $1 AND expires > $2 RETURNING channel, user_id, community", tokenHash, now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ConsoleModerator(reader.GetString(0), reader.GetString(1), reader.GetString(2))
            : null;
    }
}
