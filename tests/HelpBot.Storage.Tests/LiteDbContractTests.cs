using HelpBot.Engine.Storage;
using HelpBot.Storage.Contract;
using HelpBot.Storage.LiteDb;

namespace HelpBot.Storage.Tests;

public sealed class LiteDbOutboxContractTests : OutboxStoreContract<LiteDbConversationStore>
{
    protected override LiteDbConversationStore CreateStore() => LiteDbConversationStore.InMemory();
}

public sealed class InMemoryOutboxContractTests : OutboxStoreContract<InMemoryConversationStore>
{
    protected override InMemoryConversationStore CreateStore() => new();
}

public sealed class LiteDbReviewContractTests : ReviewStoreContract<LiteDbConversationStore>
{
    protected override LiteDbConversationStore CreateStore() => LiteDbConversationStore.InMemory();
}

public sealed class InMemoryReviewContractTests : ReviewStoreContract<InMemoryConversationStore>
{
    protected override InMemoryConversationStore CreateStore() => new();
}

public sealed class LiteDbModerationContractTests : ModerationStoreContract<LiteDbConversationStore>
{
    protected override LiteDbConversationStore CreateStore() => LiteDbConversationStore.InMemory();
}

public sealed class InMemoryModerationContractTests : ModerationStoreContract<InMemoryConversationStore>
{
    protected override InMemoryConversationStore CreateStore() => new();
}

/// <summary>What the LiteDB file keeps of the outbox across a restart (or a kill).</summary>
public sealed class LiteDbOutboxFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "helpbot-outbox-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "helpbot.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Reopen_KeepsPendingMessagesInOrder_FreesChatsClaimedBeforeACrash_AndNumbersOnAfterThem()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        using (var store = new LiteDbConversationStore(DatabasePath))
        {
            var changes = new TurnChanges();
            changes.Outbox.AddRange([Message("a1", now), Message("a2", now)]);
            await store.CommitAsync(changes, Ct);
            Assert.Single(await store.ClaimDueChatsAsync("telegram", now, 10, Ct)); // never released: the process dies
        }

        using var reopened = new LiteDbConversationStore(DatabasePath);
        var later = new TurnChanges();
        later.Outbox.Add(Message("a3", now));
        await reopened.CommitAsync(later, Ct);

        var chat = Assert.Single(await reopened.ClaimDueChatsAsync("telegram", now, 10, Ct));
        var pending = await reopened.ReadChatAsync(chat, Ct);
        Assert.Equal(["a1", "a2", "a3"], pending.Select(o => o.Id));
        Assert.True(pending[1].Sequence < pending[2].Sequence);
    }

    private static OutboxMessage Message(string id, DateTimeOffset now) => new()
    {
        Id = id, Channel = "telegram", ChatId = "1", UserKey = "telegram:1", Purpose = OutboxPurpose.Reply, Text = id, CreatedAt = now, NextAttemptAt = now,
    };
}
