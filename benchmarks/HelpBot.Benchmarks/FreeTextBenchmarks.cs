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
    private ClassifierTextUnderstanding _withSavedAnswers = null!;
    private DialogEngine _engine = null!;
    private string[] _messages = [];
    private Turn[] _turns = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = BenchmarkContent.Load();
        _understanding = Build(_catalog);
        _withSavedAnswers = Build(WithSavedAnswers(_catalog));
        _engine = new DialogEngine(new FixedContentProvider(_catalog), new InMemoryConversationStore(), _understanding);
        _messages = _catalog.Languages.Values.SelectMany(p => p.Guides.Values).SelectMany(g => g.Examples).Select(e => e.Text).ToArray();
        _turns = Enumerable.Range(0, Users * 7)
            .Select(i => Turn.FromText("bench", (i % Users).ToString(System.Globalization.CultureInfo.InvariantCulture), "c", i % 2 == 0 ? "ru" : "en", _messages[i % _messages.Length]))
            .ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _understanding.Dispose();
        _withSavedAnswers.Dispose();
    }

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

    /// <summary>The same with ten saved answers a language: their likeness is read besides the model.</summary>
    [Benchmark]
    public object? UnderstandOneLineWithSavedAnswers() => _withSavedAnswers.Understand(OneLine, "ru", near: null);

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

    private static ClassifierTextUnderstanding Build(ContentCatalog catalog) =>
        new(new FixedContentProvider(catalog), Options.Create(new UnderstandingOptions()));

    /// <summary>
    /// The content with a saved answer for each topic of the development set (<c>docs/dev/nearby-dev.tsv</c>), saved from
    /// its first message in each language, as a moderator would.
    /// </summary>
    private static ContentCatalog WithSavedAnswers(ContentCatalog catalog)
    {
        var firstMessages = File.ReadLines(Path.Combine(BenchmarkContent.RepositoryRoot(), "docs", "dev", "nearby-dev.tsv"))
            .Where(line => !line.StartsWith('#') && line.Length > 0)
            .Select(line => line.Split('\t'))
            .Where(fields => fields[1] != "none")
            .DistinctBy(fields => (fields[0], fields[1]))
            .ToLookup(fields => fields[0]);
        return catalog with
        {
            Languages = catalog.Languages.ToDictionary(p => p.Key, p => p.Value with
            {
                SavedAnswers = [.. firstMessages[p.Key].Select(f => new SavedAnswer(f[1], f[1], "…", null, [f[3]]))],
            }),
        };
    }
}
