using System.Net;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Commands;
using HelpBot.Engine.Storage;
using HelpBot.Hosting;
using HelpBot.Storage.Tests;
using HelpBot.Testing;
using HelpBot.Tests.Faults;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HelpBot.Tests.Health;

/// <summary>
/// /healthz and /readyz of the real host on 127.0.0.1, serving Telegram from the fake Bot API, and the <c>healthcheck</c>
/// command a container runs against it: ready on LiteDB; not ready, naming the storage, while PostgreSQL cannot be
/// reached (a proxy in front of the shared server is cut, the server itself keeps running) and ready again after.
/// </summary>
public sealed class ReadinessTests : IDisposable
{
    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(60);
    private readonly BotProcesses _bots = new("helpbot-health-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _bots.Dispose();

    [Fact]
    public async Task Started_HealthzAlive_ReadyzReady_HealthcheckExitsZero()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var bot = await StartAsync(api, BotProcess.ListeningOnLoopback());

        using var alive = await _bots.Http.GetAsync(new Uri(bot, "/healthz"), Cancel);
        var ready = await ReadyzAsync(bot);
        var check = await HealthcheckAsync(bot);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "ready", ""), ready);
        Assert.Equal(ExitCodes.Ok, check.ExitCode);
        Assert.StartsWith("200 ", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_Unreachable_ReadyzNamesTheStorageAndHealthcheckFails_UntilItIsBack()
    {
        var database = new NpgsqlConnectionStringBuilder(PostgresServer.CreateSchema());
        await using var proxy = new LoopbackProxy(new Uri($"tcp://127.0.0.1:{database.Port}"));
        database.Port = proxy.Port;
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var settings = BotProcess.ListeningOnLoopback();
        settings["Storage__Provider"] = "Postgres";
        settings["Storage__ConnectionString"] = database.ConnectionString;
        var bot = await StartAsync(api, settings);
        Assert.Equal((HttpStatusCode.OK, "ready", ""), await ReadyzAsync(bot));

        await proxy.RefuseAsync();
        var cut = await ReadyzAsync(bot);
        var checkWhileCut = await HealthcheckAsync(bot);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "not ready", $"storage: PostgreSQL 127.0.0.1:{proxy.Port}/{database.Database} does not answer"), cut);
        Assert.Equal(ExitCodes.Failed, checkWhileCut.ExitCode);
        Assert.StartsWith("503 ", checkWhileCut.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("password", checkWhileCut.Output + cut.Problems, StringComparison.OrdinalIgnoreCase);

        proxy.Listen();
        Assert.Equal((HttpStatusCode.OK, "ready", ""), await ReadyzAsync(bot));
        Assert.Equal(ExitCodes.Ok, (await HealthcheckAsync(bot)).ExitCode);
    }

    [Fact]
    public async Task StorageThatNeverAnswers_ReadyzGivesUpAfterStorageTimeout()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Telegram:Token", api.Token);
            web.UseSetting("Telegram:ApiBaseUrl", api.BaseUrl);
            web.UseSetting("Telegram:PollingTimeoutSeconds", "1");
            web.UseSetting("Storage:Path", _bots.DatabasePath);
            web.UseSetting("Content:Path", RepositoryPaths.Content);
            web.UseSetting("Health:StorageTimeout", "00:00:00.200");
            web.ConfigureTestServices(services => services.AddSingleton<IStorageHealth, SilentStorage>());
        });
        factory.UseKestrel(0);
        factory.StartServer();
        using var http = factory.CreateClient();

        // Once Telegram is set up (in the background) only the storage is left to report.
        var ready = await Readyz.WaitUntilSetUpAsync(http, new Uri("/readyz", UriKind.Relative), StartUp, Cancel);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "not ready", "storage: a store that never answers does not answer"), ready);
    }

    [Fact]
    public async Task Healthcheck_NothingListens_ExitsOneSayingSo()
    {
        var nobody = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");

        var check = await HealthcheckAsync(nobody);

        Assert.Equal(ExitCodes.Failed, check.ExitCode);
        Assert.Contains($"healthcheck: {nobody} does not answer", check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urls", "http://+:8080", "http://127.0.0.1:8080/")]
    [InlineData("urls", "http://0.0.0.0:8080;http://[::]:8081", "http://127.0.0.1:8080/")]
    [InlineData("urls", "http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http_ports", "8080", "http://127.0.0.1:8080/")]
    public void Healthcheck_AsksTheBotsOwnAddressOnThisMachine(string setting, string value, string asked)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [setting] = value }).Build();

        Assert.Equal(new Uri(asked), HealthCheckCommand.LocalAddress(configuration));
    }

    /// <summary>Starts a bot and waits until its channel has set up Telegram (in the background, after the start).</summary>
    private async Task<Uri> StartAsync(FakeBotApiServer api, Dictionary<string, string> settings)
    {
        var bot = await _bots.Start(api, settings).StartedAsync(StartUp);
        await Readyz.WaitUntilSetUpAsync(_bots.Http, new Uri(bot, "/readyz"), StartUp, Cancel);
        return bot;
    }

    private Task<(HttpStatusCode Status, string Verdict, string Problems)> ReadyzAsync(Uri bot) => Readyz.AskAsync(_bots.Http, new Uri(bot, "/readyz"), Cancel);

    /// <summary>The command as a container's HEALTHCHECK runs it: configured by the bot's own ASPNETCORE_URLS.</summary>
    private Task<HelpBotProcess.Result> HealthcheckAsync(Uri bot) =>
        HelpBotProcess.RunAsync(_bots.Folder, "", new Dictionary<string, string> { ["ASPNETCORE_URLS"] = bot.ToString() }, "healthcheck");

    /// <summary>A storage whose probe never comes back (a database behind a dead network hop), until it is given up on.</summary>
    private sealed class SilentStorage : IStorageHealth
    {
        public string Location => "a store that never answers";

        public ValueTask<StorageReport> VerifyAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public async ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return true;
        }
    }
}
