using System.Diagnostics;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Model;
using HelpBot.Understanding.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpBot.Understanding;

/// <summary>
/// Free-text understanding by a classifier trained on the content: normalise (<see cref="TextNormalizer"/>) → featurise
/// and classify (<see cref="IntentModel"/>) → decide (<see cref="Reader"/>). It trains at start and again, in the
/// background, whenever the content changes; the previous model answers until the new one is ready.
/// </summary>
public sealed class ClassifierTextUnderstanding : ITextUnderstanding, IDisposable
{
    private readonly IContentProvider _content;
    private readonly UnderstandingOptions _options;
    private readonly ILogger _logger;
    private readonly ModelSettings _settings;
    private readonly ModelStore _store;
    private readonly Task<Trained> _first;
    private volatile Trained? _current;
    private Task _retraining;

    public ClassifierTextUnderstanding(IContentProvider content, IOptions<UnderstandingOptions> options, ILogger<ClassifierTextUnderstanding>? logger = null)
        : this(content, options?.Value ?? throw new ArgumentNullException(nameof(options)), new ModelSettings(), logger)
    {
    }

    internal ClassifierTextUnderstanding(IContentProvider content, UnderstandingOptions options, ModelSettings settings, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        _content = content;
        _options = options;
        _settings = settings;
        _logger = logger ?? NullLogger.Instance;
        _store = new ModelStore(string.IsNullOrWhiteSpace(options.ModelDirectory) ? null : options.ModelDirectory, _logger);
        // The first model is trained (or loaded) in the background: the bot greets and serves commands and buttons at
        // once, and a free-text message that arrives before the model is ready waits for it (a second or two).
        _first = Task.Run(() => _current = Train(content.Current));
        _retraining = _first;
        content.Changed += Retrain;
    }

    /// <summary>Completes when the first model is ready; fails if it could not be trained.</summary>
    public Task Ready => _first;

    /// <summary>The training run behind the answers now: how many examples, how long it took.</summary>
    public TrainingSummary Summary => Current.Summary;

    /// <summary>Completes when the retraining started by the last content change has finished (tests wait on it).</summary>
    public Task Retraining => _retraining;

    public TextReading Understand(string text, string language, Topic? near, string community = Turn.DefaultCommunity)
    {
        ArgumentNullException.ThrowIfNull(text);
        var current = Current;
        var normalized = TextNormalizer.Normalize(text, out var words);
        var reader = current.Reader;
        return reader.Decide(reader.Served(current.Model.Rank(normalized), language, community), reader.Served(current.Saved.Match(normalized), language, community), near, words)
            with { Language = current.Languages.Of(text) };
    }

    public void Dispose()
    {
        _content.Changed -= Retrain;
    }

    private void Retrain(ContentCatalog catalog)
    {
        // Content reloads are rare and each trains from the whole catalogue, so a newer reload simply follows the
        // one in progress; the model answering meanwhile is the last one trained.
        _retraining = _retraining.ContinueWith(_ =>
        {
            try
            {
                _current = Train(catalog);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.RetrainFailed(_logger, ex);
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private Trained Train(ContentCatalog catalog)
    {
        var started = Stopwatch.GetTimestamp();
        var examples = TrainingSet.From(catalog);
        var model = _store.Get(ContextAugmentation.Apply(examples, catalog, _settings), _settings, out var trained);
        var saved = SavedAnswerMatcher.Build(examples);
        var summary = new TrainingSummary(examples.Count, trained, Stopwatch.GetElapsedTime(started));
        Log.Ready(_logger, summary.Examples, trained ? "trained" : "loaded", summary.Duration.TotalMilliseconds);
        return new Trained(model, saved, new Reader(catalog, _options), WrittenLanguage.From(examples, catalog), summary);
    }

    /// <summary>The model answering now; until the first one is ready, waits for it.</summary>
    private Trained Current => _current ?? _first.GetAwaiter().GetResult();

    private sealed record Trained(IntentModel Model, SavedAnswerMatcher Saved, Reader Reader, WrittenLanguage Languages, TrainingSummary Summary);
}

/// <summary>What the model answering now was trained from, whether it was trained or loaded, and how long that took.</summary>
public sealed record TrainingSummary(int Examples, bool Trained, TimeSpan Duration);
