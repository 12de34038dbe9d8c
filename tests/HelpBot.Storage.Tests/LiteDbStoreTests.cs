using HelpBot.Engine.Storage;
using HelpBot.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.Time.Testing;

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
    public async Task FindUser_StoredBeforeSavedAnswers_LoadsWithNoDraftAndNothingServed()
    {
        new LiteDbConversationStore(DatabasePath).Dispose();
        using (var database = LiteDbFile.Open(DatabasePath, LiteDbConversationStore.CreateMapper(), readOnly: false))
        {
            // A user as the store wrote one before drafts and saved answers existed.
            database.GetCollection("users").Insert(new LiteDB.BsonDocument
            {
                ["_id"] = "telegram:1",
                ["Language"] = "en",
                ["Step"] = 3,
                ["Awaiting"] = "Answer",
                ["AwaitingQuestion"] = "QABCDE",
                ["ReadNumber"] = 2,
                ["UpdatedAt"] = At.UtcDateTime,
            });
        }

        using var store = new LiteDbConversationStore(DatabasePath);
        var state = await store.FindUserAsync("telegram:1", Ct);

        Assert.Equal(("en", 3, Awaiting.Answer, "QABCDE", 2), (state?.Language, state?.Step, state?.Awaiting, state?.AwaitingQuestion, state?.ReadNumber));
        Assert.Equal(((string?)null, (string?)null, 0, false), (state?.DraftQuestion, state?.SavedServed, state?.SavedServing, state?.SavedRated));
    }

    [Fact]
    public void TheEventsTimeIndex_IsKeptOnlyWhileAReaderAsksForIt()
    {
        bool Indexed()
        {
            using var database = LiteDbFile.Open(DatabasePath, LiteDbConversationStore.CreateMapper(), readOnly: true);
            return database.GetCollection("$indexes").Find(Query.EQ("collection", "events")).Any(i => i["name"].AsString == nameof(DialogEvent.At));
        }

        new LiteDbConversationStore(DatabasePath, indexEventsByTime: true).Dispose();
        var withConsole = Indexed();
        new LiteDbConversationStore(DatabasePath).Dispose();

        Assert.Equal((true, false), (withConsole, Indexed()));
    }

    [Fact]
    public async Task Open_DeliveryIdsOlderThanTheRetention_AreDropped()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using (var store = new LiteDbConversationStore(DatabasePath, time))
        {
            await store.CommitAsync(new TurnChanges { DeliveryId = "telegram:update:1" }, Ct);
            time.Advance(LiteDbConversationStore.DeliveryRetention + TimeSpan.FromHours(1));
            await store.CommitAsync(new TurnChanges { DeliveryId = "telegram:update:2" }, Ct);
        }

        using var reopened = new LiteDbConversationStore(DatabasePath, time);

        Assert.False(await reopened.WasHandledAsync("telegram:update:1", Ct));
        Assert.True(await reopened.WasHandledAsync("telegram:update:2", Ct));
    }

    [Fact]
    public async Task Open_UserStoredBeforeLanguageFromText_KeepsTheLanguageTheyChose()
    {
        using (var store = new LiteDbConversationStore(DatabasePath))
            await store.CommitAsync(new TurnChanges { State = new UserState { Key = "telegram:1", Language = "en", Step = 3 } }, Ct);
        using (var database = new LiteDatabase(DatabasePath, LiteDbConversationStore.CreateMapper()))
        {
            // As an older release wrote it: no LanguageFromText field.
            var users = database.GetCollection("users");
            var document = users.FindById("telegram:1");
            Assert.True(document.Remove(nameof(UserState.LanguageFromText)));
            users.Update(document);
        }

        using var reopened = new LiteDbConversationStore(DatabasePath);
        var state = await reopened.FindUserAsync("telegram:1", Ct);

        Assert.Equal(("en", false, 3), (state?.Language, state?.LanguageFromText, state?.Step));
    }
}
