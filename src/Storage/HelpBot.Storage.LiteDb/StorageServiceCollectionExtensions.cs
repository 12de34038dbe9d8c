using HelpBot.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpBot.Storage.LiteDb;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the LiteDB store from section <c>Storage</c>, validated at start; <paramref name="indexEventsByTime"/>
    /// when something reads recent events (the moderators' console).
    /// </summary>
    public static IHostApplicationBuilder AddLiteDbStorage(this IHostApplicationBuilder builder, bool indexEventsByTime = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<StorageOptions, StorageOptionsValidator>()
            .BindConfiguration(StorageOptions.SectionName);
        builder.Services.AddSingleton(sp => new LiteDbConversationStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path, sp.GetService<TimeProvider>(), indexEventsByTime));
        builder.Services.AddStoreContracts<LiteDbConversationStore>();
        return builder;
    }
}
