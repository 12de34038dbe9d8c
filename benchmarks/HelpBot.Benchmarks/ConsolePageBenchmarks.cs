using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Hosting;
using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.SignIn;
using HelpBot.Storage.LiteDb;
using HelpBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpBot.Benchmarks;

/// <summary>
/// The moderators' console's pages as a moderator loads them, from the whole bot (Program) on a loopback port with the
/// console on and a LiteDB file holding <see cref="ModeratorStoreSeed"/>'s 10,000 users, 1,000 open questions and 1,000
/// queued replies. One operation = one page GET signed in as a Telegram Mini App (initData on the request, as inside
/// Telegram); every request's latency is kept and p50/p99 printed at the end (issue 26: ≤ 100 ms p99).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ConsolePageBenchmarks
{
    private const long Moderator = 4242;
    private readonly ConcurrentQueue<double> _latencies = new();
    private DirectoryInfo _folder = null!;
    private FakeBotApiServer _api = null!;
    private WebApplicationFactory<ChannelPlan> _host = null!;
    private static readonly HttpClient Http = new();
    private Uri _baseUrl = null!;
    private string _initData = "";
    private double _firstLoad;

    [Params(ConsoleRoutes.Root, ConsoleRoutes.Review, ConsoleRoutes.Questions, ConsoleRoutes.SavedAnswers, ConsoleRoutes.Stats, ConsoleRoutes.Content)]
    public string Page { get; set; } = ConsoleRoutes.Root;

    [GlobalSetup]
    public void Start() => StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Stop()
    {
        Console.WriteLine(LatencySummary.Line(Page, "requests", _latencies) + string.Create(CultureInfo.InvariantCulture, $", first load {_firstLoad:0.0} ms"));
        _host.Dispose();
        _api.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _folder.Delete(recursive: true);
    }

    [Benchmark]
    public async Task<int> Load()
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl, Page));
        request.Headers.Add(ConsoleRoutes.InitDataHeader, _initData);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        _latencies.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{Page} answered {(int)response.StatusCode}");
        return body.Length;
    }

    private async Task StartAsync()
    {
        _folder = Directory.CreateTempSubdirectory("helpbot-console-bench-");
        var database = Path.Combine(_folder.FullName, "helpbot.db");
        using (var store = new LiteDbConversationStore(database))
            await ModeratorStoreSeed.FillAsync(store, DateTimeOffset.UtcNow);

        _api = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { CheckCalls = false, Record = false });
        var port = LoopbackPorts.Free();
        var baseUrl = _baseUrl = new Uri($"http://127.0.0.1:{port}");
        var settings = new Dictionary<string, string?>(_api.LoadRunSettings())
        {
            ["Content:Path"] = Path.Combine(BenchmarkContent.RepositoryRoot(), "content"),
            ["Storage:Path"] = database,
            ["Telegram:ModeratorIds:0"] = Moderator.ToString(CultureInfo.InvariantCulture),
            ["Telegram:Community"] = ModeratorStoreSeed.Community,
            // A polling bot serves HTTP (and so the console) only at configured addresses.
            ["urls"] = baseUrl.AbsoluteUri,
            ["ModeratorConsole:Enabled"] = "true",
            ["ModeratorConsole:PublicUrl"] = baseUrl.AbsoluteUri,
            ["Understanding:ModelDirectory"] = Path.Combine(Path.GetTempPath(), "helpbot-models"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _host = new WebApplicationFactory<ChannelPlan>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
        });
        _host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _host.StartServer();

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["user"] = $$"""{"id":{{Moderator}},"first_name":"Mod","language_code":"ru"}""",
            ["auth_date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        _initData = string.Join('&', fields.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value))) + "&hash=" + TelegramInitData.Sign(fields, _api.Token);
        // The first loads compile the page and fill what pages keep (the stats page's past days): printed apart, left
        // out of the figures.
        for (var warm = 0; warm < 5; warm++)
            await Load();
        _firstLoad = _latencies.First();
        _latencies.Clear();
    }

}
