using HelpBot.Engine.Storage;
using HelpBot.Hosting;
using HelpBot.Storage.LiteDb;
using HelpBot.Storage.Postgres;
using HelpBot.Storage.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpBot.Tests.Hosting;

/// <summary>
/// Whichever provider <c>Storage:Provider</c> names, the host gets the same storage services: every interface of the
/// engine's storage that the store implements, all served by the one store.
/// </summary>
public sealed class StorageServicesTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("helpbot-storage-services-");

    public void Dispose() => _data.Delete(recursive: true);

    private Dictionary<string, string?> LiteDb => new() { ["Storage:Path"] = Path.Combine(_data.FullName, "helpbot.db") };

    private static Dictionary<string, string?> Postgres(string connectionString) =>
        new() { [StorageServices.ProviderKey] = "Postgres", ["Storage:ConnectionString"] = connectionString };

    [Fact]
    public void AddStorage_EitherProvider_RegistersEveryStorageInterfaceItsStoreImplements()
    {
        var liteDb = StorageInterfaces(Build(LiteDb).Services.Select(d => d.ServiceType));
        var postgres = StorageInterfaces(Build(Postgres("Host=127.0.0.1;Database=unused")).Services.Select(d => d.ServiceType));

        Assert.Equal(StorageInterfaces(typeof(LiteDbConversationStore).GetInterfaces()), liteDb);
        Assert.Equal(StorageInterfaces(typeof(PostgresConversationStore).GetInterfaces()), postgres);
        Assert.Equal(liteDb, postgres);
        Assert.Contains(nameof(IReviewStore), postgres);
    }

    [Fact]
    public async Task Host_OnPostgres_ResolvesEveryStorageServiceToTheOneStore()
    {
        var builder = Build(Postgres(PostgresServer.CreateSchema()));
        await using var services = builder.Services.BuildServiceProvider();

        var resolved = typeof(IConversationStore).Assembly.GetTypes()
            .Where(t => t.IsInterface && t.Namespace == typeof(IConversationStore).Namespace && builder.Services.Any(d => d.ServiceType == t))
            .Select(services.GetRequiredService)
            .Distinct()
            .ToList();

        Assert.IsType<PostgresConversationStore>(Assert.Single(resolved));
    }

    private static HostApplicationBuilder Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStorage();
        return builder;
    }

    /// <summary>The engine's storage interfaces among <paramref name="types"/>, by name, sorted.</summary>
    private static List<string> StorageInterfaces(IEnumerable<Type> types) =>
        types.Where(t => t.IsInterface && t.Namespace == typeof(IConversationStore).Namespace)
            .Select(t => t.Name).Distinct().Order(StringComparer.Ordinal).ToList();
}
