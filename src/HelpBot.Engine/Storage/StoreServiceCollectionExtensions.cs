using Microsoft.Extensions.DependencyInjection;

namespace HelpBot.Engine.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Serves every storage contract from the one <typeparamref name="TStore"/> singleton a provider registers. One list
    /// for all providers, and a store that lacks a contract does not compile: a contract registered by one provider
    /// and forgotten by another is how the review queue and the outbox once went missing on PostgreSQL.
    /// </summary>
    public static IServiceCollection AddStoreContracts<TStore>(this IServiceCollection services)
        where TStore : class, IConversationStore, IModerationStore, IOutboxStore, IReviewStore, IStorageHealth
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IConversationStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IModerationStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IReviewStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IStorageHealth>(sp => sp.GetRequiredService<TStore>());
        return services;
    }
}
