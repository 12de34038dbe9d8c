using System.Diagnostics;
using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Evaluation;
using HelpBot.Understanding.Index;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpBot.Understanding;

/// <summary>
/// Free-text understanding over a Lucene index of the content, rebuilt whenever the content reloads.
/// The language argument is not needed to search: every language is indexed in one field, so a Russian
/// user who pastes the English form's option is understood, and the engine answers in the user's language.
/// </summary>
public sealed class LuceneTextUnderstanding : ITextUnderstanding, IDisposable
{
    private readonly IContentProvider _content;
    private readonly UnderstandingOptions _options;
    private readonly ILogger _logger;
    private readonly GuideAnalyzer _analyzer = new();
    private readonly HashSet<string> _commonWords;
    private volatile GuideIndex _index;

    public LuceneTextUnderstanding(IContentProvider content, IOptions<UnderstandingOptions> options, ILogger<LuceneTextUnderstanding>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        _content = content;
        _options = options.Value;
        _logger = logger ?? NullLogger<LuceneTextUnderstanding>.Instance;
        _commonWords = CommonWords.Stems(_analyzer);
        _index = Build(content.Current);
        content.Changed += Rebuild;
    }

    /// <summary>
    /// A runner-up scoring within this share of the best one is a dead heat: which of them wins depends only on
    /// the order of the content, so the answer would be a coin flip.
    /// </summary>
    private const float DeadHeatRatio = 1.005f;

    /// <summary>
    /// A runner-up that accounts for more of the message than the best one and scores within this ratio of it
    /// makes the ranking a guess between near neighbours; the menu is better than a confident wrong section.
    /// </summary>
    private const float ContestedRatio = 1.15f;

    public TextMatch? Understand(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Decide(Explain(text), _options.MinConfidence);
    }

    /// <summary>The configured lowest confidence that answers (<see cref="UnderstandingOptions.MinConfidence"/>).</summary>
    public double MinConfidence => _options.MinConfidence;

    /// <summary>
    /// The answer for a ranked message at a given confidence threshold: the best topic when it is confident and
    /// not contested, otherwise none. The evaluation sweeps <paramref name="minConfidence"/> with exactly this rule.
    /// </summary>
    public TextMatch? Decide(MatchResult result, double minConfidence)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Best is { } best && (best.IsQuote || (IsConfident(best, minConfidence) && !IsContested(best, result.Candidates, minConfidence)))
            ? new TextMatch(best.Topic, best.Confidence)
            : null;
    }

    /// <summary>Whether a candidate is sure enough to answer with: enough of the message explained, and enough evidence.</summary>
    private bool IsConfident(TopicCandidate candidate, double minConfidence) =>
        candidate.Confidence >= minConfidence && candidate.Score >= _options.MinScore;

    /// <summary>
    /// Whether another confident topic leading to a different screen is as good a reading of the message as the best
    /// one: a dead heat, or nearly the score while explaining more of the message. Topics leading to the same screen
    /// (a part and its first sub-step) never contest each other.
    /// </summary>
    private bool IsContested(TopicCandidate best, IReadOnlyList<TopicCandidate> candidates, double minConfidence)
    {
        var catalog = _content.Current;
        var screen = TopicNames.Answer(best.Topic, catalog);
        foreach (var other in candidates.Skip(1))
        {
            if (!IsConfident(other, minConfidence) || TopicNames.Answer(other.Topic, catalog) == screen)
                continue;
            var ratio = best.Rank / other.Rank;
            if (ratio < DeadHeatRatio || (other.Confidence > best.Confidence && ratio < ContestedRatio))
                return true;
        }
        return false;
    }

    /// <summary>The ranked topics behind <see cref="Understand"/>, for the evaluation and for moderators.</summary>
    public MatchResult Explain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _index.Match(text);
    }

    public void Dispose()
    {
        _content.Changed -= Rebuild;
        _index.Dispose();
        _analyzer.Dispose();
    }

    private void Rebuild(ContentCatalog catalog)
    {
        try
        {
            // The old index is not disposed: searches that started on it finish on it, and the GC reclaims it (RAM only).
            _index = Build(catalog);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.RebuildFailed(_logger, ex);
        }
    }

    private GuideIndex Build(ContentCatalog catalog)
    {
        var started = Stopwatch.GetTimestamp();
        var index = GuideIndex.Build(catalog, _analyzer, _options, _commonWords);
        Log.IndexBuilt(_logger, index.DocumentCount, index.TopicCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return index;
    }
}
