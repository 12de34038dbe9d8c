using System.Globalization;
using System.Runtime.InteropServices;
using HelpBot.Channels.Telegram.Benchmarks;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Engine.Content;

// dotnet run -c Release --project benchmarks/HelpBot.Channels.Telegram.Benchmarks -- [--users 1000] [--rate 2000] [--seconds 10] [--warmup 3] [--bots echo,memory,litedb]
var settings = Arguments.Parse(args);
var content = LoadContent();
Console.WriteLine($"Telegram load: {settings.Users} users, {settings.Warmup.TotalSeconds:0} s warm-up + {settings.Measure.TotalSeconds:0} s measured per run; " +
    $"{Environment.ProcessorCount} CPUs, {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
Console.WriteLine("The fake Bot API, the simulated users and the bot share this process and its CPUs.");

var results = new List<LoadResult>();
foreach (var bot in settings.Bots)
{
    foreach (var rate in new[] { 0.0, settings.Rate })
    {
        await using var api = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { CheckCalls = false, Record = false, MaxLongPoll = TimeSpan.FromSeconds(1) });
        await using IBotUnderLoad underLoad = bot switch
        {
            "echo" => new EchoBot(),
            "litedb" => new HelpBotUnderLoad(content, liteDb: true),
            _ => new HelpBotUnderLoad(content, liteDb: false),
        };
        await underLoad.StartAsync(api, CancellationToken.None);
        var run = await new LoadRun(api, settings.Users, rate, settings.Warmup, settings.Measure).RunAsync();
        var load = rate > 0 ? string.Create(CultureInfo.InvariantCulture, $"offered {rate:0}/s") : "saturated";
        var result = new LoadResult(underLoad.Name, load, settings.Users, run.UpdatesPerSecond, run.P50Ms, run.P99Ms, run.Lost);
        results.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Bot,-26} {result.Load,-16} {result.UpdatesPerSecond,8:0} updates/s   p50 {result.P50Ms,7:0.0} ms   p99 {result.P99Ms,7:0.0} ms   lost {result.Lost}"));
    }
}

var echo = results.Where(r => r.Bot == "echo bot").ToDictionary(r => r.Load);
foreach (var result in results.Where(r => r.Bot != "echo bot" && echo.ContainsKey(r.Load)))
{
    var baseline = echo[result.Load];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{result.Bot}, {result.Load}: echo's throughput ÷ this = {baseline.UpdatesPerSecond / result.UpdatesPerSecond:0.00} (target ≤ 1.5); p99 ÷ echo's = {result.P99Ms / baseline.P99Ms:0.00}"));
}

static ContentCatalog LoadContent()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "HelpBot.sln")))
            return ContentLoader.Load(Path.Combine(dir.FullName, "content"));
    }
    throw new InvalidOperationException("run from inside the repository: content/ not found");
}
