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
