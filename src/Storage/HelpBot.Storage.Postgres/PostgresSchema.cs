using Npgsql;

namespace HelpBot.Storage.Postgres;

/// <summary>
/// The tables, created and migrated at start. Each migration runs once, recorded in <c>schema_migrations</c>; an advisory
/// lock held for the migrating transaction makes instances that start together take turns, so the second finds it done.
/// Records are stored whole as JSON beside the columns that queries filter on, so new fields need no migration; an
/// outbox message's delivery state (attempts, next attempt, sent, expired) lives only in columns, as senders change it in place.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>An arbitrary constant naming the migration lock (pg_advisory_xact_lock takes a bigint).</summary>
    private const long MigrationLock = 0x4865_6c70_426f_7401;

    /// <summary>In order; append new ones, never edit an applied one.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE users (
            key text PRIMARY KEY,
            revision bigint NOT NULL,
            data jsonb NOT NULL);
        CREATE TABLE feedback (
            id text PRIMARY KEY,
            user_key text NOT NULL,
            community text NOT NULL,
            at timestamptz NOT NULL,
            data jsonb NOT NULL);
        CREATE INDEX feedback_user ON feedback (user_key);
        CREATE INDEX feedback_community ON feedback (community, at);
        CREATE TABLE questions (
            id text PRIMARY KEY,
            user_key text NOT NULL,
            community text NOT NULL,
            status int NOT NULL,
            asked_at timestamptz NOT NULL,
            data jsonb NOT NULL);
        CREATE INDEX questions_user ON questions (user_key);
        CREATE INDEX questions_community ON questions (community, asked_at);
        CREATE TABLE events (
            id uuid PRIMARY KEY,
            user_key text NOT NULL,
            community text NOT NULL,
            at timestamptz NOT NULL,
            data jsonb NOT NULL);
        CREATE INDEX events_user ON events (user_key);
        CREATE INDEX events_community ON events (community, at);
        CREATE TABLE deliveries (
            id text PRIMARY KEY,
            at timestamptz NOT NULL);
        CREATE INDEX deliveries_at ON deliveries (at);
        CREATE TABLE outbox (
            id text PRIMARY KEY,
            seq bigserial NOT NULL,
            channel text NOT NULL,
            chat_id text NOT NULL,
            user_key text NOT NULL,
            community text NOT NULL,
            attempts int NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL,
            delivered_at timestamptz NULL,
            expired_at timestamptz NULL,
            last_error text NULL,
            channel_message_id text NULL,
            lease_owner text NULL,
            lease_until timestamptz NULL,
            data jsonb NOT NULL);
        CREATE INDEX outbox_pending ON outbox (channel, chat_id, seq) WHERE delivered_at IS NULL AND expired_at IS NULL;
        CREATE INDEX outbox_user ON outbox (user_key);
        CREATE INDEX outbox_post ON outbox (channel, chat_id, channel_message_id);
        """,
        // 2: the moderators' review decisions (/review); they name a text only by its digest, so /forget leaves them.
        """
        CREATE TABLE reviews (
            id text PRIMARY KEY,
            community text NOT NULL,
            at timestamptz NOT NULL,
            data jsonb NOT NULL);
        CREATE INDEX reviews_community ON reviews (community, at);
        """,
        // 3: senders claim chats (session advisory locks), not rows: due chats are found through an index of due pending
        // messages instead of a scan; sent replies are deleted (with the reply tokens they held), the rest pruned by age.
        """
        ALTER TABLE outbox DROP COLUMN IF EXISTS lease_owner, DROP COLUMN IF EXISTS lease_until;
        CREATE INDEX IF NOT EXISTS outbox_due ON outbox (channel, next_attempt_at, seq) WHERE delivered_at IS NULL AND expired_at IS NULL;
        CREATE INDEX IF NOT EXISTS outbox_delivered ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;
        CREATE INDEX IF NOT EXISTS outbox_expired ON outbox (expired_at) WHERE expired_at IS NOT NULL;
        DELETE FROM outbox WHERE (data->>'Purpose')::int = 2 AND delivered_at IS NOT NULL;
        """,
        // 4: the moderators' console lists the review queue's kinds of event and the open questions without a scan.
        """
        CREATE INDEX IF NOT EXISTS events_kind ON events (community, ((data->>'Kind')::int), at);
        CREATE INDEX IF NOT EXISTS events_user_at ON events (user_key, at);
        CREATE INDEX IF NOT EXISTS questions_open ON questions (community, asked_at) WHERE status = 0;
        """,
        // 5: the moderators' console on several instances (its stores live in the host): one-time sign-in links, by the
        // token's SHA-256 only, and the Data Protection key ring that signs sessions, antiforgery tokens and download tickets.
        """
        CREATE TABLE IF NOT EXISTS console_link_tokens (
            token_hash bytea PRIMARY KEY,
            channel text NOT NULL,
            user_id text NOT NULL,
            community text NOT NULL,
            expires timestamptz NOT NULL);
        CREATE INDEX IF NOT EXISTS console_link_tokens_expires ON console_link_tokens (expires);
        CREATE TABLE IF NOT EXISTS data_protection_keys (
            name text PRIMARY KEY,
            xml text NOT NULL);
        """,
    ];

    /// <summary>The tables <see cref="PostgresConversationStore.VerifyAsync"/> reads through.</summary>
    public static readonly string[] Tables = ["users", "feedback", "questions", "events", "deliveries", "outbox", "reviews"];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the schema to <see cref="LatestVersion"/>; returns how many migrations this call applied.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
        await using var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection);
        var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (version > LatestVersion)
            throw new InvalidOperationException($"the database schema is version {version}, newer than this helpbot knows ({LatestVersion}); run the newer helpbot");
        for (var next = version + 1; next <= LatestVersion; next++)
        {
            await ExecuteAsync(connection, Migrations[next - 1], cancellationToken);
            await ExecuteAsync(connection, $"INSERT INTO schema_migrations (version) VALUES ({next})", cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return LatestVersion - version;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
