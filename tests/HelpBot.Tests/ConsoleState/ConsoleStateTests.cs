using System.Security.Cryptography;
using System.Text;
using HelpBot.ConsoleState;
using HelpBot.Engine.Moderation;
using HelpBot.Hosting;
using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.SignIn;
using HelpBot.Storage.Tests;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace HelpBot.Tests.ConsoleState;

/// <summary>
/// The console's sign-in links and Data Protection keys as instances of the bot see them: two service providers on
/// one PostgreSQL schema are two instances behind one address; a LiteDB provider built twice is a restart.
/// </summary>
public sealed class ConsoleStateTests : IDisposable
{
    private static readonly ConsoleModerator Moderator = new("telegram", "4242", "default");
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("helpbot-console-state-");
    private readonly List<ServiceProvider> _instances = [];

    public void Dispose()
    {
        foreach (var instance in _instances)
            instance.Dispose();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task Link_IssuedByOneInstance_SignsInOnceOnAnother_AndTheTableHoldsOnlyItsHash()
    {
        var schema = PostgresServer.CreateSchema();
        var issuer = OnPostgres(schema);
        var other = OnPostgres(schema);

        var link = await issuer.GetRequiredService<IConsoleLinks>().IssueAsync(Moderator, Cancel);
        var token = link.Query[(link.Query.IndexOf('=', StringComparison.Ordinal) + 1)..];

        var stored = await Scalar<string>(schema, "SELECT string_agg(t::text, ' ') FROM console_link_tokens t");
        Assert.DoesNotContain(token, stored, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Convert.ToHexStringLower(Hash(token)), stored, StringComparison.Ordinal);

        Assert.Equal(Moderator, await Tokens(other).TryConsumeAsync(Hash(token), DateTimeOffset.UtcNow, Cancel));
        Assert.Null(await Tokens(other).TryConsumeAsync(Hash(token), DateTimeOffset.UtcNow, Cancel));
        Assert.Null(await Tokens(issuer).TryConsumeAsync(Hash(token), DateTimeOffset.UtcNow, Cancel));
    }

    [Fact]
    public async Task Link_RacedForByTwoInstances_SignsInOnce()
    {
        var schema = PostgresServer.CreateSchema();
        ILinkTokenStore[] stores = [Tokens(OnPostgres(schema)), Tokens(OnPostgres(schema))];
        for (var round = 0; round < 10; round++)
        {
            var hash = RandomNumberGenerator.GetBytes(32);
            await stores[0].AddAsync(hash, Moderator, DateTimeOffset.UtcNow.AddMinutes(10), Cancel);

            var consumed = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                stores[i % 2].TryConsumeAsync(hash, DateTimeOffset.UtcNow, Cancel).AsTask()));

            Assert.Single(consumed, moderator => moderator is not null);
        }
    }

    [Fact]
    public async Task Link_NeverConsumedAfterExpiry_AndPrunedByTheNextOne()
    {
        var schema = PostgresServer.CreateSchema();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = Tokens(OnPostgres(schema, time));
        var expired = RandomNumberGenerator.GetBytes(32);
        var expires = time.GetUtcNow() + SignInLinksLifetime;
        await store.AddAsync(expired, Moderator, expires, Cancel);

        Assert.Null(await store.TryConsumeAsync(expired, expires, Cancel));
        time.Advance(SignInLinksLifetime + TimeSpan.FromSeconds(1));
        await store.AddAsync(RandomNumberGenerator.GetBytes(32), Moderator, time.GetUtcNow() + SignInLinksLifetime, Cancel);

        Assert.Equal(1, await Scalar<long>(schema, "SELECT count(*) FROM console_link_tokens"));
        Assert.Null(await store.TryConsumeAsync(expired, expires - TimeSpan.FromMinutes(1), Cancel));
    }

    [Fact]
    public async Task DataProtection_PayloadProtectedByOneInstance_UnprotectsOnAnother()
    {
        var schema = PostgresServer.CreateSchema();
        var protectedByIssuer = Protector(OnPostgres(schema)).Protect("session of 4242");

        Assert.Equal("session of 4242", Protector(OnPostgres(schema)).Unprotect(protectedByIssuer));
        Assert.Equal(1, await Scalar<long>(schema, "SELECT count(*) FROM data_protection_keys"));
    }

    [Fact]
    public void DataProtection_OnLiteDb_KeysBesideTheDatabase_OutliveARestart()
    {
        var database = Path.Combine(_data.FullName, "db", "helpbot.db");
        var beforeRestart = Instance(new() { ["Storage:Path"] = database });
        var protectedPayload = Protector(beforeRestart).Protect("session of 4242");
        beforeRestart.Dispose();

        Assert.Equal("session of 4242", Protector(Instance(new() { ["Storage:Path"] = database })).Unprotect(protectedPayload));
        Assert.Single(Directory.GetFiles(Path.Combine(_data.FullName, "db", ConsoleStateServices.KeysFolderName), "key-*.xml"));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static TimeSpan SignInLinksLifetime => ModeratorConsoleOptions.LinkLifetime;

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    private static ILinkTokenStore Tokens(IServiceProvider instance) => instance.GetRequiredService<ILinkTokenStore>();

    private static IDataProtector Protector(IServiceProvider instance) =>
        instance.GetRequiredService<IDataProtectionProvider>().CreateProtector("HelpBot.Tests.ConsoleState");

    private ServiceProvider OnPostgres(string connectionString, TimeProvider? time = null) =>
        Instance(new() { [StorageServices.ProviderKey] = "Postgres", ["Storage:ConnectionString"] = connectionString }, time);

    /// <summary>The host's storage and console services, as the bot registers them, without starting anything.</summary>
    private ServiceProvider Instance(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["ModeratorConsole:PublicUrl"] = "https://bot.example";
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.AddStorage();
        builder.AddConsoleState().AddModeratorConsole();
        var instance = builder.Services.BuildServiceProvider();
        _instances.Add(instance);
        return instance;
    }

    private static async Task<T> Scalar<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
