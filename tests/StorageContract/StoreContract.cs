using HelpBot.Engine.Storage;

namespace HelpBot.Storage.Contract;

/// <summary>
/// The base of the contracts in this folder: each test gets fresh, empty stores from <see cref="CreateStore"/>, closed
/// after it. A provider's test project links the folder and derives one class per contract that creates its store.
/// </summary>
public abstract class StoreContract<TStore> : IAsyncDisposable
    where TStore : IConversationStore
{
    private readonly List<TStore> _stores = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh empty store; called once per test (twice where a test reopens).</summary>
    protected abstract TStore CreateStore();

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync();
            else if (store is IDisposable disposable)
                disposable.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    protected TStore Store()
    {
        var store = CreateStore();
        _stores.Add(store);
        return store;
    }
}
