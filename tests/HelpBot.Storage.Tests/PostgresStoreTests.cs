using HelpBot.Engine.Storage;
using HelpBot.Storage.Postgres;
using Npgsql;

namespace HelpBot.Storage.Tests;

/// <summary>
/// The storage contract on PostgreSQL, each test in a schema of its own, and what only a shared store does:
/// instances racing on one user or one delivery, and migrating at once. Needs a server (see <see cref="PostgresServer"/>).
/// </summary>
public sealed class PostgresStoreTests : StoreContractTests
{
    private string _connectionString = "";

    public override ValueTask InitializeAsync()
    {
        _connectionString = PostgresServer.CreateSchema();
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask<OpenStore> OpenAsync()
    {
        var store = await PostgresConversationStore.OpenAsync(_connectionString, Ct);
        return OpenStore.Of(store, store.DisposeAsync);
    }

    [Fact]
    public async Task Open_TwoInstancesAtOnce_MigrateOnce()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostgresConversationStore.OpenAsync(_connectionString, Ct)));
        foreach (var store in stores)
            await store.DisposeAsync();

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var versions = new NpgsqlCommand("SELECT count(*), max(version) FROM schema_migrations", connection);
        await using var read = await versions.ExecuteReaderAsync(Ct);
        Assert.True(await read.ReadAsync(Ct));
        Assert.Equal(read.GetInt64(0), read.GetInt32(1)); // versions 1..n, each applied once
    }

    [Fact]
    public async Task FindUser_StoredBeforeSavedAnswers_LoadsWithNoDraftAndNothingServed()
    {
        await using (var store = await PostgresConversationStore.OpenAsync(_connectionString, Ct))
            await store.CommitAsync(new TurnChanges { State = new UserState { Key = "telegram:1" } }, Ct);
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync(Ct);
            // A user as the store wrote one before drafts and saved answers existed (enums as numbers: Answer is 3).
            await using var old = new NpgsqlCommand(
                """UPDATE users SET data = '{"Key":"telegram:1","Language":"en","Step":3,"Awaiting":3,"AwaitingQuestion":"QABCDE","ReadNumber":2}' WHERE key = 'telegram:1'""", connection);
            await old.ExecuteNonQueryAsync(Ct);
        }

        await using var reopened = await PostgresConversationStore.OpenAsync(_connectionString, Ct);
        var state = await reopened.FindUserAsync("telegram:1", Ct);

        Assert.Equal(("en", 3, Awaiting.Answer, "QABCDE", 2), (state?.Language, state?.Step, state?.Awaiting, state?.AwaitingQuestion, state?.ReadNumber));
        Assert.Equal(((string?)null, (string?)null, 0, false), (state?.DraftQuestion, state?.SavedServed, state?.SavedServing, state?.SavedRated));
    }

    [Fact]
    public async Task Open_DatabaseFromBeforeTheReviewQueue_AddsItsTable_KeepingTheRest()
    {
        await using (var store = await PostgresConversationStore.OpenAsync(_connectionString, Ct))
            await store.CommitAsync(new TurnChanges { State = new UserState { Key = "telegram:1", Step = 3 } }, Ct);
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync(Ct);
            // As the first release left it: migration 1 applied, no review table.
            await using var downgrade = new NpgsqlCommand("DROP TABLE reviews; DELETE FROM schema_migrations WHERE version > 1", connection);
            await downgrade.ExecuteNonQueryAsync(Ct);
        }

        await using var migrated = await PostgresConversationStore.OpenAsync(_connectionString, Ct);
        await migrated.SaveReviewDecisionAsync(new ReviewDecision { Id = "c|k1", Community = "c", Key = "k1", At = At }, Ct);

        Assert.Equal(3, (await migrated.FindUserAsync("telegram:1", Ct))?.Step);
        Assert.Single(await migrated.ListReviewDecisionsAsync("c", At, Ct));
    }

    [Fact]
    public async Task Open_UserStoredBeforeLanguageFromText_KeepsTheLanguageTheyChose()
    {
        await using (var store = await PostgresConversationStore.OpenAsync(_connectionString, Ct))
            await store.CommitAsync(new TurnChanges { State = new UserState { Key = "telegram:1", Language = "en", Step = 3 } }, Ct);
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync(Ct);
            // As an older release wrote it: no LanguageFromText in the state's JSON.
            await using var older = new NpgsqlCommand("UPDATE users SET data = data - 'LanguageFromText' WHERE key = 'telegram:1' AND data ? 'LanguageFromText'", connection);
            Assert.Equal(1, await older.ExecuteNonQueryAsync(Ct));
        }

        await using var reopened = await PostgresConversationStore.OpenAsync(_connectionString, Ct);
        var state = await reopened.FindUserAsync("telegram:1", Ct);

        Assert.Equal(("en", false, 3), (state?.Language, state?.LanguageFromText, state?.Step));
    }

    [Fact]
    public async Task ChatClaim_EndsWhenItsInstancesConnectionsDie_AndAnotherInstanceTakesTheChat()
    {
        var dyingName = "helpbot-dying-" + Guid.NewGuid().ToString("N")[..8];
        await using var dying = await PostgresConversationStore.OpenAsync(new NpgsqlConnectionStringBuilder(_connectionString) { ApplicationName = dyingName }.ConnectionString, Ct);
        await using var alive = await PostgresConversationStore.OpenAsync(_connectionString, Ct);
        var chat = new OutboxChat("telegram", "1");
        var changes = new TurnChanges();
        changes.Outbox.Add(new OutboxMessage { Id = "a1", Channel = "telegram", ChatId = "1", UserKey = "telegram:1", Text = "a1", CreatedAt = At, NextAttemptAt = At });
        await dying.CommitAsync(changes, Ct);
        Assert.NotNull(await dying.TryClaimChatAsync(chat, [], Ct));
        Assert.Null(await alive.TryClaimChatAsync(chat, [], Ct));

        // What a killed process or a cut network does: the server ends every connection of that instance.
        await using (var admin = new NpgsqlConnection(_connectionString))
        {
            await admin.OpenAsync(Ct);
            await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", admin);
            terminate.Parameters.Add(new NpgsqlParameter { Value = dyingName });
            await terminate.ExecuteNonQueryAsync(Ct);
        }

        // pg_terminate_backend only signals the backend: the lock goes when it has exited, a moment later.
        IReadOnlyList<OutboxMessage>? taken = null;
        for (var waited = 0; (taken = await alive.TryClaimChatAsync(chat, [], Ct)) is null; waited += 50)
        {
            Assert.True(waited < 5_000, "another instance could not take the chat within 5 s of the connections' end");
            await Task.Delay(50, Ct);
        }
        Assert.Equal(["a1"], taken.Select(m => m.Id));
        for (var waited = 0; dying.Holds(chat); waited += 100)
        {
            Assert.True(waited < 5_000, "the instance whose connection died still believes it holds the chat after 5 s");
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task Commit_StateChangedByAnotherInstanceSinceRead_IsRefusedWhole()
    {
        await using var first = await PostgresConversationStore.OpenAsync(_connectionString, Ct);
        await using var second = await PostgresConversationStore.OpenAsync(_connectionString, Ct);
        await first.CommitAsync(new TurnChanges { State = new UserState { Key = "telegram:1", Step = 1 } }, Ct);
        var readByFirst = (await first.FindUserAsync("telegram:1", Ct))!;
        var readBySecond = (await second.FindUserAsync("telegram:1", Ct))!;

        readBySecond.Step = 2;
        await second.CommitAsync(new TurnChanges { State = readBySecond }, Ct);
        readByFirst.Step = 5;
        var stale = new TurnChanges { State = readByFirst, DeliveryId = "telegram:update:9" };
        stale.Events.Add(new DialogEvent { Id = Guid.NewGuid(), UserKey = "telegram:1", At = At });

        await Assert.ThrowsAsync<TurnConflictException>(() => first.CommitAsync(stale, Ct).AsTask());
        Assert.Equal(2, (await first.FindUserAsync("telegram:1", Ct))?.Step);
        Assert.False(await first.WasHandledAsync("telegram:update:9", Ct));
        Assert.Empty(await first.ListEventsAsync(Engine.Dialog.Turn.DefaultCommunity, At.AddDays(-1), Ct));
    }

    [Fact]
    public async Task Commit_DeliveryAlreadyHandledByAnotherInstance_IsRefused()
    {
        await using var first = await PostgresConversationStore.OpenAsync(_connectionString, Ct);
        await using var second = await PostgresConversationStore.OpenAsync(_connectionString, Ct);

        await first.CommitAsync(new TurnChanges { DeliveryId = "telegram:update:3", State = new UserState { Key = "telegram:1" } }, Ct);

        await Assert.ThrowsAsync<TurnConflictException>(() => second.CommitAsync(new TurnChanges { DeliveryId = "telegram:update:3" }, Ct).AsTask());
    }

    [Fact]
    public async Task Open_ServerRefusesTheLogin_OneLineNamingTheServer()
    {
        var wrong = new NpgsqlConnectionStringBuilder(_connectionString) { Password = "not-the-password" }.ConnectionString;

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => PostgresConversationStore.OpenAsync(wrong, Ct));

        Assert.StartsWith("Storage: PostgreSQL ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}

public sealed class PostgresOutboxContractTests : HelpBot.Storage.Contract.OutboxStoreContract<PostgresConversationStore>
{
    protected override PostgresConversationStore CreateStore() =>
        PostgresConversationStore.OpenAsync(PostgresServer.CreateSchema(), TestContext.Current.CancellationToken).GetAwaiter().GetResult();
}

public sealed class PostgresReviewContractTests : HelpBot.Storage.Contract.ReviewStoreContract<PostgresConversationStore>
{
    protected override PostgresConversationStore CreateStore() =>
        PostgresConversationStore.OpenAsync(PostgresServer.CreateSchema(), TestContext.Current.CancellationToken).GetAwaiter().GetResult();
}

public sealed class PostgresModerationContractTests : HelpBot.Storage.Contract.ModerationStoreContract<PostgresConversationStore>
{
    protected override PostgresConversationStore CreateStore() =>
        PostgresConversationStore.OpenAsync(PostgresServer.CreateSchema(), TestContext.Current.CancellationToken).GetAwaiter().GetResult();
}
