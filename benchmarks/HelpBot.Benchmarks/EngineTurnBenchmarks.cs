using BenchmarkDotNet.Attributes;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using HelpBot.Storage.LiteDb;

namespace HelpBot.Benchmarks;

/// <summary>
/// Button and command turns through the whole engine (state read, handler, atomic commit), for 1,000
/// users in rotation, in memory and on a LiteDB file. One operation = one turn, so ops/s = turns/s.
/// The concurrent case is a bot's real load: many users pressing at once, whose commits LiteDB groups.
/// </summary>
[MemoryDiagnoser]
public class EngineTurnBenchmarks
{
    private const int Users = 1_000;
    private Turn[] _buttonTurns = [];
    private Turn[] _commandTurns = [];
    private DialogEngine _engine = null!;
    private LiteDbConversationStore? _store;
    private string? _folder;
    private int _next;

    [Params("memory", "litedb")]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public void Setup()
    {
        IConversationStore store;
        if (Store == "litedb")
        {
            _folder = Directory.CreateTempSubdirectory("helpbot-bench-").FullName;
            var lite = new LiteDbConversationStore(Path.Combine(_folder, "bench.db"));
            _store = lite;
            store = lite;
        }
        else
        {
            store = new InMemoryConversationStore();
        }
        _engine = new DialogEngine(new FixedContentProvider(BenchmarkContent.Load()), store);
        _buttonTurns = Enumerable.Range(0, Users * 9)
            .Select(i => Turn.FromAction("bench", (i % Users).ToString(System.Globalization.CultureInfo.InvariantCulture), "c", "ru", $"step:aliexpress:{i / Users % 9 + 1}"))
            .ToArray();
        _commandTurns = Enumerable.Range(0, Users)
            .Select(i => Turn.FromText("bench", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "c", "en", "/steps"))
            .ToArray();
        // Every user exists before measuring, as in a running bot.
        foreach (var turn in _commandTurns)
            _engine.HandleAsync(turn).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        if (_folder is not null)
            Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public ValueTask<Reply> ButtonTurn() => _engine.HandleAsync(_buttonTurns[_next++ % _buttonTurns.Length]);

    public const int Concurrent = 64;

    [Benchmark(OperationsPerInvoke = Concurrent)]
    public Task ConcurrentButtonTurns()
    {
        var turns = new Task[Concurrent];
        for (var i = 0; i < Concurrent; i++)
            turns[i] = _engine.HandleAsync(_buttonTurns[_next++ % _buttonTurns.Length]).AsTask();
        return Task.WhenAll(turns);
    }

    /// <summary>As channels send them: every turn carries a delivery id that is checked and stored with it.</summary>
    [Benchmark(OperationsPerInvoke = Concurrent)]
    public Task ConcurrentDeliveredButtonTurns()
    {
        var turns = new Task[Concurrent];
        for (var i = 0; i < Concurrent; i++)
        {
            var turn = _buttonTurns[_next++ % _buttonTurns.Length] with { DeliveryId = "bench:update:" + _next.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            turns[i] = _engine.HandleAsync(turn).AsTask();
        }
        return Task.WhenAll(turns);
    }

    [Benchmark]
    public ValueTask<Reply> CommandTurn() => _engine.HandleAsync(_commandTurns[_next++ % _commandTurns.Length]);
}
