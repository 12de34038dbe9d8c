using HelpBot.Hosting;
using HelpBot.ModeratorConsole.SignIn;
using HelpBot.Storage.LiteDb;
using HelpBot.Storage.Postgres;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace HelpBot.ConsoleState;

/// <summary>
/// Where the moderators' console keeps what must outlive a request: its sign-in links and its Data Protection key ring
/// (session cookies, antiforgery tokens, download tickets). On PostgreSQL both are in the shared database, so every
/// instance behind one address accepts what another issued; on LiteDB (one process) links stay in memory and keys go
/// to a folder beside the database file, so a restart keeps sessions.
/// </summary>
/// <remarks>
/// The PostgreSQL stores live in the host rather than in the storage project: the host already references the console,
/// the storage and ASP.NET Core, while the storage would need ASP.NET Core's shared framework for <see cref="IXmlRepository"/>
/// and the console (with the Telegram channel behind it) for <see cref="ILinkTokenStore"/>; here no reference is added.
/// </remarks>
public static class ConsoleStateServices
{
    /// <summary>Payloads are isolated by application name; the default is the content root, which may differ between instances.</summary>
    public const string ApplicationName = "HelpBot";

    /// <summary>The LiteDB key ring's folder, beside the database file.</summary>
    public const string KeysFolderName = "data-protection-keys";

    /// <summary>Call before <c>AddModeratorConsole</c>, whose in-memory link store is only a default.</summary>
    public static IHostApplicationBuilder AddConsoleState(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddDataProtection().SetApplicationName(ApplicationName);
        var keys = services.AddOptions<KeyManagementOptions>();
        if (StorageServices.IsPostgres(builder.Configuration))
        {
            services.AddSingleton<ILinkTokenStore>(sp => new PostgresLinkTokenStore(
                sp.GetRequiredService<PostgresConversationStore>().DataSource, sp.GetRequiredService<TimeProvider>()));
            keys.Configure<PostgresConversationStore>((options, store) => options.XmlRepository = new PostgresXmlRepository(store.DataSource));
        }
        else
        {
            // What PersistKeysToFileSystem does, with the folder known only once Storage:Path is bound.
            keys.Configure<IOptions<StorageOptions>, ILoggerFactory>((options, storage, logs) =>
                options.XmlRepository = new FileSystemXmlRepository(KeysFolder(storage.Value.Path), logs));
        }
        return builder;
    }

    /// <summary>The key ring's folder beside the LiteDB file <paramref name="databasePath"/>, created if missing.</summary>
    public static DirectoryInfo KeysFolder(string databasePath) =>
        Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, KeysFolderName));
}
