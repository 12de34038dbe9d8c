using HelpBot.Storage.LiteDb;
using HelpBot.Storage.Postgres;

namespace HelpBot.Hosting;

/// <summary>Chooses the store from <c>Storage:Provider</c>: <c>LiteDb</c> (the default, one file) or <c>Postgres</c> (several instances).</summary>
public static class StorageServices
{
    public const string ProviderKey = "Storage:Provider";

    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder, bool indexEventsByTime = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var provider = builder.Configuration[ProviderKey];
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
            return builder.AddPostgresStorage();
        builder.AddLiteDbStorage(indexEventsByTime);
        if (!string.IsNullOrWhiteSpace(provider) && !string.Equals(provider, "LiteDb", StringComparison.OrdinalIgnoreCase))
        {
            // Registered so that a wrong name stops the start like every other bad setting, before storage opens.
            builder.Services.AddOptions<StorageProviderChoice>()
                .Validate(_ => false, $"{ProviderKey}: \"{provider}\" is not a storage provider; use LiteDb (the default) or Postgres")
                .ValidateOnStart();
        }
        return builder;
    }

    /// <summary>Only carries the validation of <see cref="ProviderKey"/>.</summary>
    internal sealed class StorageProviderChoice;
}
