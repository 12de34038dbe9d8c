using HelpBot.Engine.Storage;
using HelpBot.Storage.LiteDb;

namespace HelpBot.Storage.Tests;

/// <summary>The storage contract on a LiteDB file, and what only the file store does: retention on open, backups while serving.</summary>
public sealed class LiteDbStoreTests : StoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "helpbot-litedb-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "nested", "helpbot.db");

    protected override ValueTask<OpenStore> OpenAsync()
    {
        var store = new LiteDbConversationStore(DatabasePath);
        return ValueTask.FromResult(OpenStore.Of(store, () =>
        {
            store.Dispose();
            return ValueTask.CompletedTask;
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Open_DeliveryIdsOlderThanTheRetention_AreDropped()
    {
        using (var store = new LiteDbConversationStore(DatabasePath))
            await store.CommitAsync(new TurnChanges { DeliveryId = "telegram:update:1" }, Ct);
        using (var raw = new LiteDB.LiteDatabase(DatabasePath))
        {
            var deliveries = raw.GetCollection("deliveries");
            var old = deliveries.FindById("telegram:update:1");
            old["At"] = DateTime.UtcNow - LiteDbConversationStore.DeliveryRetention - TimeSpan.FromHours(1);
            deliveries.Update(old);
            deliveries.Insert(new LiteDB.BsonDocument { ["_id"] = "telegram:update:2", ["At"] = DateTime.UtcNow });
        }

        using var reopened = new LiteDbConversationStore(DatabasePath);

        Assert.False(await reopened.WasHandledAsync("telegram:update:1", Ct));
        Assert.True(await reopened.WasHandledAsync("telegram:update:2", Ct));
    }

    [Fact]
    public async Task BackupTo_WhileTurnsCommit_CopyHoldsAWholePrefixOfTheTurns()
    {
        var backup = Path.Combine(_folder, "backup.db");
        using var store = new LiteDbConversationStore(DatabasePath);
        using var stop = new CancellationTokenSource();
        // Each turn writes a user and its event together; a consistent copy never has one without the other.
        var writer = Task.Run(async () =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var changes = new TurnChanges { State = new UserState { Key = "u" + i, Step = 1 } };
                changes.Events.Add(new DialogEvent { Id = Guid.NewGuid(), UserKey = "u" + i, At = At });
                await store.CommitAsync(changes, Ct);
                i++;
            }
            return i;
        }, Ct);
        while (await store.FindUserAsync("u199", Ct) is null)
            await Task.Yield();

        var report = store.BackupTo(backup);
        await stop.CancelAsync();
        var written = await writer;

        Assert.InRange(report.Counts["users"], 200, written);
        Assert.Equal(report.Counts["users"], report.Counts["events"]);
        using var copy = new LiteDbConversationStore(backup);
        Assert.Equal(report.Counts["users"], (await copy.VerifyAsync(Ct)).Counts["users"]);
    }
}
