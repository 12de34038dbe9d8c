using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using HelpBot.Channels.Telegram;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Channels.Telegram.Webhook;
using HelpBot.Delivery;
using HelpBot.Engine.Content;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using HelpBot.Storage.LiteDb;
using HelpBot.Storage.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HelpBot.Benchmarks;

/// <summary>
/// Telegram updates through the whole bot as the host composes it: updates in (polling, or webhook POSTs), the engine,
/// the store's commit (turn and reply in one transaction), the outbox delivery loop and the sender, against the fake
/// Bot API on loopback. One operation = one update answered, so ops/s = updates/s. Each invocation has
/// <see cref="Users"/> users press <see cref="PressesPerUser"/> walkthrough buttons, each waiting for the screen before
/// the next press; the latency of every press (update sent → its edit received by the fake) is kept, and its p50/p99
/// printed at the end of the run. Several instances share one database and take updates by webhook, a user's presses
/// alternating between them (Telegram lets one poller per bot, so a second instance cannot poll).
/// PostgreSQL cases need <c>HELPBOT_TEST_POSTGRES</c> (<c>eval "$(.ci/postgres)"</c>); each works in a schema of its own.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[OperationsPerSecond]
public class HostThroughputBenchmarks
{
    private const int Users = 50;
    private const int PressesPerUser = 4;
    private const string WebhookPath = "/telegram/webhook";
    private const string WebhookSecret = "bench-secret";
    private readonly ConcurrentQueue<double> _latencies = new();
    private readonly List<WebApplication> _hosts = [];
    private readonly List<Uri> _webhooks = [];
    private static readonly HttpClient Http = new();
    private FakeBotApiServer _api = null!;
    private DirectoryInfo _folder = null!;
    private string? _postgresSchema;
    private ConcurrentDictionary<long, TaskCompletionSource<SentMessage>> _waiting = new();
    private SentMessage[] _screens = [];
    private int[] _steps = [];
    private int[] _sent = [];
    private long _turns;

    /// <summary>A store, how many host instances share it, and how updates reach them.</summary>
    public sealed record HostSetup(string Provider, int Instances, bool Webhook)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Provider} x{Instances} {(Webhook ? "webhook" : "polling")}");
    }

    /// <summary>A new provider is one more case here (and in <see cref="AddStorage"/>).</summary>
    public static IEnumerable<HostSetup> Setups =>
    [
        new("litedb", 1, Webhook: false),
        new("litedb", 1, Webhook: true),
        new("postgres", 1, Webhook: false),
        new("postgres", 1, Webhook: true),
        new("postgres", 2, Webhook: true),
    ];

    [ParamsSource(nameof(Setups))]
    public HostSetup Setup { get; set; } = new("litedb", 1, Webhook: false);

    [GlobalSetup]
    public void Start() => StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Stop()
    {
        Console.WriteLine(LatencySummary.Line(Setup.ToString(), "updates", _latencies));
        foreach (var host in _hosts)
        {
            host.StopAsync().GetAwaiter().GetResult();
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        _api.DisposeAsync().AsTask().GetAwaiter().GetResult();
        // What the store keeps per turn (replies are deleted once sent): the growth per million turns in the README.
        var stored = _postgresSchema is { } tables
            ? BenchmarkPostgres.Scalar($"SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{tables}' AND c.relkind = 'r'")
            : _folder.GetFiles().Sum(f => f.Length);
        var turns = Interlocked.Read(ref _turns);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {Setup}: {stored / 1024.0 / 1024.0:0.0} MiB stored after {turns} turns ({(double)stored / turns:0} bytes a turn, {stored * 1_000_000.0 / turns / 1024 / 1024 / 1024:0.00} GiB a million turns)"));
        _folder.Delete(recursive: true);
        if (_postgresSchema is { } schema)
            BenchmarkPostgres.Execute($"DROP SCHEMA {schema} CASCADE");
    }

    [Benchmark(OperationsPerInvoke = Users * PressesPerUser)]
    public Task Updates() => Task.WhenAll(Enumerable.Range(0, Users).Select(PressAsync));

    private async Task PressAsync(int user)
    {
        for (var press = 0; press < PressesPerUser; press++)
        {
            // Up and down the nine steps, never the one shown (an unchanged screen is not edited).
            var step = _steps[user] = _steps[user] % 9 + 1;
            var chat = Chat(user);
            var reply = Expect(chat);
            var queued = Stopwatch.GetTimestamp();
            await SendAsync(user, _api.ButtonPress(chat, _screens[user], "step:aliexpress:" + step.ToString(CultureInfo.InvariantCulture)));
            _screens[user] = await reply.WaitAsync(TimeSpan.FromSeconds(30));
            Interlocked.Increment(ref _turns);
            _latencies.Enqueue(Stopwatch.GetElapsedTime(queued).TotalMilliseconds);
        }
    }

    /// <summary>Polling: queued at the fake. Webhook: posted as Telegram would, to the user's instances in turn.</summary>
    private async Task SendAsync(int user, JsonObject update)
    {
        if (!Setup.Webhook)
        {
            _api.Enqueue(update);
            return;
        }
        update["update_id"] = _api.NextUpdateId();
        var instance = _webhooks[(user + _sent[user]++) % _webhooks.Count];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance, WebhookPath))
        {
            Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", WebhookSecret);
        using var response = await Http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"the webhook of {instance} answered {(int)response.StatusCode}");
    }

    private async Task StartAsync()
    {
        _folder = Directory.CreateTempSubdirectory("helpbot-host-bench-");
        _api = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { CheckCalls = false, Record = false, MaxLongPoll = TimeSpan.FromSeconds(1) });
        _api.BotMessage += (chat, message, _) =>
        {
            if (_waiting.TryRemove(chat, out var waiting))
                waiting.TrySetResult(message);
        };
        var content = BenchmarkContent.Load();
        for (var instance = 0; instance < Setup.Instances; instance++)
        {
            var host = Build(content);
            await host.StartAsync();
            _hosts.Add(host);
            if (Setup.Webhook)
                _webhooks.Add(new Uri(host.Urls.First()));
        }
        _sent = new int[Users];
        // Every user opens the walkthrough once; the benchmark presses its buttons.
        _screens = await Task.WhenAll(Enumerable.Range(0, Users).Select(async user =>
        {
            var reply = Expect(Chat(user));
            await SendAsync(user, _api.TextMessage(Chat(user), "/steps"));
            return await reply.WaitAsync(TimeSpan.FromSeconds(60));
        }));
        _steps = Enumerable.Repeat(1, Users).ToArray();
        // One round before measuring, so that the printed percentiles leave out the first (compiling) presses.
        await Updates();
        _latencies.Clear();
    }

    private WebApplication Build(ContentCatalog content)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(_api.LoadRunSettings());
        if (Setup.Webhook)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telegram:Mode"] = "Webhook",
                // Only handed to the fake's setWebhook; never contacted (.test is a reserved name).
                ["Telegram:WebhookUrl"] = "https://bot.example.test" + WebhookPath,
                ["Telegram:SecretToken"] = WebhookSecret,
            });
        }
        AddStorage(builder);
        builder.Services.AddSingleton<IContentProvider>(new FixedContentProvider(content));
        builder.Services.AddSingleton<IDialogEngine>(sp => new DialogEngine(new DialogDependencies(sp.GetRequiredService<IContentProvider>(), sp.GetRequiredService<IConversationStore>())
        {
            Outbox = sp.GetRequiredService<OutboxFeed>(),
        }));
        builder.AddOutboxDelivery();
        builder.AddTelegramChannel();
        var app = builder.Build();
        if (Setup.Webhook)
            app.MapTelegramWebhook();
        return app;
    }

    private void AddStorage(WebApplicationBuilder builder)
    {
        switch (Setup.Provider)
        {
            case "litedb":
                builder.Configuration["Storage:Path"] = Path.Combine(_folder.FullName, "bench.db");
                builder.AddLiteDbStorage();
                break;
            case "postgres":
                // One schema for every instance of this case: they share the database as deployed instances would.
                _postgresSchema ??= BenchmarkPostgres.CreateSchema();
                builder.Configuration["Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(BenchmarkPostgres.Server) { SearchPath = _postgresSchema }.ConnectionString;
                builder.AddPostgresStorage();
                break;
            default:
                throw new InvalidOperationException($"no storage provider '{Setup.Provider}' in this benchmark");
        }
    }

    private Task<SentMessage> Expect(long chat)
    {
        var waiting = new TaskCompletionSource<SentMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[chat] = waiting;
        return waiting.Task;
    }

    private static long Chat(int user) => 700_000 + user;
}
