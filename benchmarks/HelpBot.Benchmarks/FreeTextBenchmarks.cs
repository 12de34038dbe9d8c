using BenchmarkDotNet.Attributes;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using HelpBot.Understanding;
using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Model;
using HelpBot.Understanding.Training;
using Microsoft.Extensions.Options;

namespace HelpBot.Benchmarks;

/// <summary>
/// Free-text turns through the whole engine with the trained reader and the in-memory store, cycling through
/// the content's labelled messages (paraphrases, typos, wrong layout, transliteration, pasted options, off-topic)
/// for 1,000 users; plus the reader alone, and training as done at start and on every content reload (no cache).
/// </summary>
[MemoryDiagnoser]
public class FreeTextBenchmarks
{
    private const int Users = 1_000;
    public const int Concurrent = 64;
    private ContentCatalog _catalog = null!;
    private ClassifierTextUnderstanding _understanding = null!;
    private DialogEngine _engine = null!;
    private string[] _messages = [];
    private Turn[] _turns = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = BenchmarkContent.Load();
        _understanding = Build();
        _engine = new DialogEngine(new FixedContentProvider(_catalog), new InMemoryConversationStore(), _understanding);
        _messages = _catalog.Languages.Values.SelectMany(p => p.Guides.Values).SelectMany(g => g.Examples).Select(e => e.Text).ToArray();
        _turns = Enumerable.Range(0, Users * 7)
            .Select(i => Turn.FromText("bench", (i % Users).ToString(System.Globalization.CultureInfo.InvariantCulture), "c", i % 2 == 0 ? "ru" : "en", _messages[i % _messages.Length]))
            .ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _understanding.Dispose();

    [Benchmark]
    public ValueTask<Reply> FreeTextTurn() => _engine.HandleAsync(_turns[_next++ % _turns.Length]);

    /// <summary>
    /// Turns from many users at once, each on the thread pool as the channels run them: a turn with the in-memory store
    /// completes synchronously, so without <see cref="Task.Run(Func{Task})"/> they would run one after another on one core.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Concurrent)]
    public Task ConcurrentFreeTextTurns()
    {
        var turns = new Task[Concurrent];
        for (var i = 0; i < Concurrent; i++)
        {
            var turn = _turns[_next++ % _turns.Length];
            turns[i] = Task.Run(() => _engine.HandleAsync(turn).AsTask());
        }
        return Task.WhenAll(turns);
    }

    [Benchmark]
    public object? Understand() => _understanding.Understand(_messages[_next++ % _messages.Length], "ru", near: null);

    /// <summary>The reader alone on a one-line question.</summary>
    [Benchmark]
    public object? UnderstandOneLine() => _understanding.Understand(OneLine, "ru", near: null);

    /// <summary>The reader alone on a 1,000-character message: a long story, then the question.</summary>
    [Benchmark]
    public object? UnderstandThousandCharacters() => _understanding.Understand(ThousandCharacters, "en", near: null);

    /// <summary>Training from the whole content, as at a start without a cached model or after a content edit.</summary>
    [Benchmark]
    public object Training()
    {
        var settings = new ModelSettings();
        return IntentModel.Train(ContextAugmentation.Apply(TrainingSet.From(_catalog), _catalog, settings), settings);
    }

    private const string OneLine = "как удалить аккаунт на алиэкспресс";

    private static readonly string ThousandCharacters = BuildThousandCharacters();

    private static string BuildThousandCharacters()
    {
        const string Story = "My grandson set this up for me years ago, when I still ordered garden tools and knitting wool. ";
        const string Question = "So what do I press to make the whole account disappear?";
        var text = string.Concat(Enumerable.Repeat(Story, (1000 - Question.Length) / Story.Length + 1));
        return text[..(1000 - Question.Length)] + Question;
    }

    private ClassifierTextUnderstanding Build() =>
        new(new FixedContentProvider(_catalog), Options.Create(new UnderstandingOptions()));
}
