using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using HelpBot.Channels.Telegram;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Delivery;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using HelpBot.Storage.LiteDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpBot.Benchmarks;

/// <summary>
/// Telegram updates through the whole bot as the host composes it: polling, the engine, the store's commit (turn and
/// reply in one transaction), the outbox delivery loop and the sender, against the fake Bot API on loopback. One
/// operation = one update answered, so ops/s = updates/s. Each invocation has <see cref="Users"/> users press
/// <see cref="PressesPerUser"/> walkthrough buttons, each waiting for the screen before the next press; the latency of
/// every press (queued at the fake → its edit received) is kept, and its p50/p99 printed at the end of the run.
/// Storage providers are added in <see cref="AddStorage"/>; several instances in <see cref="Instances"/>.
/// </summary>
public class HostThroughputBenchmarks
{
    private const int Users = 50;
    private const int PressesPerUser = 4;
    private readonly ConcurrentQueue<double> _latencies = new();
    private readonly List<IHost> _hosts = [];
    private FakeBotApiServer _api = null!;
    private DirectoryInfo _folder = null!;
    private ConcurrentDictionary<long, TaskCompletionSource<SentMessage>> _waiting = new();
    private SentMessage[] _screens = [];
    private int[] _steps = [];

    [Params("litedb")]
    public string Provider { get; set; } = "litedb";

    /// <summary>Host instances sharing the provider's database (LiteDB: one; a shared SQL store may run more).</summary>
    [Params(1)]
    public int Instances { get; set; } = 1;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        var sorted = _latencies.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {Provider} x{Instances}: {sorted.Length} updates, latency p50 {Percentile(sorted, 0.50):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms"));
        foreach (var host in _hosts)
        {
            host.StopAsync().GetAwaiter().GetResult();
            host.Dispose();
        }
        _api.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _folder.Delete(recursive: true);
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
            _api.PressButton(chat, _screens[user], "step:aliexpress:" + step.ToString(CultureInfo.InvariantCulture));
            _screens[user] = await reply.WaitAsync(TimeSpan.FromSeconds(30));
            _latencies.Enqueue(Stopwatch.GetElapsedTime(queued).TotalMilliseconds);
        }
    }

    private async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("helpbot-host-bench-");
        _api = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { CheckCalls = false, Record = false, MaxLongPoll = TimeSpan.FromSeconds(1) });
        _api.BotMessage += (chat, message, _) =>
        {
            if (_waiting.TryRemove(chat, out var waiting))
                waiting.TrySetResult(message);
        };
        var content = BenchmarkContent.Load();
        for (var instance = 0; instance < Instances; instance++)
        {
            var host = Build(content);
            await host.StartAsync();
            _hosts.Add(host);
        }
        // Every user opens the walkthrough once; the benchmark presses its buttons.
        _screens = await Task.WhenAll(Enumerable.Range(0, Users).Select(user =>
        {
            var reply = Expect(Chat(user));
            _api.SendText(Chat(user), "/steps");
            return reply.WaitAsync(TimeSpan.FromSeconds(60));
        }));
        _steps = Enumerable.Repeat(1, Users).ToArray();
    }

    private IHost Build(ContentCatalog content)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(_api.LoadRunSettings());
        AddStorage(builder);
        builder.Services.AddSingleton<IContentProvider>(new FixedContentProvider(content));
        builder.Services.AddSingleton<IDialogEngine>(sp => new DialogEngine(sp.GetRequiredService<IContentProvider>(), sp.GetRequiredService<IConversationStore>()));
        builder.AddOutboxDelivery();
        builder.AddTelegramChannel();
        return builder.Build();
    }

    /// <summary>The store under test; a new provider is one more case here (and in <see cref="Provider"/>'s values).</summary>
    private void AddStorage(HostApplicationBuilder builder)
    {
        switch (Provider)
        {
            case "litedb":
                builder.Configuration["Storage:Path"] = Path.Combine(_folder.FullName, "bench.db");
                builder.AddLiteDbStorage();
                break;
            default:
                throw new InvalidOperationException($"no storage provider '{Provider}' in this benchmark");
        }
    }

    private Task<SentMessage> Expect(long chat)
    {
        var waiting = new TaskCompletionSource<SentMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[chat] = waiting;
        return waiting.Task;
    }

    private static long Chat(int user) => 700_000 + user;

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
