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
}
