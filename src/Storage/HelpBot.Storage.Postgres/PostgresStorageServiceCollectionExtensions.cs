using HelpBot.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpBot.Storage.Postgres;

public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL store from section <c>Storage</c>, validated at start. Resolving it connects and
    /// migrates the schema (the host does so before any channel starts).
    /// </summary>
    public static IHostApplicationBuilder AddPostgresStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PostgresStorageOptions>().BindConfiguration(PostgresStorageOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>();
        // Opened once, synchronously, while the host starts: there is nothing to serve without it.
        builder.Services.AddSingleton(sp => PostgresConversationStore.OpenAsync(
            sp.GetRequiredService<IOptions<PostgresStorageOptions>>().Value.ConnectionString, CancellationToken.None).GetAwaiter().GetResult());
        builder.Services.AddStoreContracts<PostgresConversationStore>();
        return builder;
    }
}
