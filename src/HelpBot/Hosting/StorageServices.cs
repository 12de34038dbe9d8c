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
        if (IsPostgres(builder.Configuration))
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

    /// <summary>Whether <see cref="ProviderKey"/> names PostgreSQL, the store several instances share.</summary>
    public static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration?[ProviderKey], "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Only carries the validation of <see cref="ProviderKey"/>.</summary>
    internal sealed class StorageProviderChoice;
}
