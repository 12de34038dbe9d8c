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
    /// A runner-up ranking within 3 % of the best one is a dead heat: which wins depends on a phrase's length or an
    /// auxiliary verb ("что случится если я деактивирую аккаунт" read the done screen's "будет удалён" as well as the
    /// consequences, until "после деактивации" left the done screen's phrases), so the bot offers both instead of
    /// picking one.
    /// </summary>
    private const float DeadHeatRatio = 1.03f;

    /// <summary>
    /// A runner-up that accounts for more of the message than the best one and scores within this ratio of it
    /// makes the ranking a guess between near neighbours; offering both is better than a confident wrong section.
    /// </summary>
    private const float ContestedRatio = 1.15f;

    /// <summary>
    /// Evidence (score) and lead over the next screen (rank ratio) with which a section answers a message that explains
    /// too little of itself for <see cref="UnderstandingOptions.MinConfidence"/>. A lead of 1.5 over a score of 8
    /// answered more of the tuned sets but, on a fresh one, also off-topic messages.
    /// </summary>
    private const float DominantScore = 10f;
    private const double DominanceRatio = 2;

    /// <summary>
    /// How much of the best topic's rank a reason option's words that the list lacks must reach to contest the list of
    /// reasons or the form's reason line: then the message tells a situation besides asking which reason to pick
    /// ("нашёл поставщика, али больше не нужен, какую причину указать"), and both are offered. At 0.2 it took right
    /// answers about the list itself.
    /// </summary>
    private const double SituationShare = 0.5;

    /// <summary>Most sections offered when the bot is not sure: more buttons would bury the menu.</summary>
    private const int MaxSuggestions = 3;

    /// <summary>
    /// A section is offered only while it ranks within this share of the likeliest one: far behind, it is noise.
    /// </summary>
    private const double SuggestionShare = 0.5;

    public TextReading Understand(string text, string language, Topic? near)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(_index.Match(text, near));
    }

    /// <summary>A message read with no section shown before it.</summary>
    public TextReading Understand(string text, string language) => Understand(text, language, near: null);

    /// <summary>
    /// What the bot makes of a ranked message: the answer at <see cref="MinConfidence"/> with the other screens it may
    /// mean, or else the sections to offer.
    /// </summary>
    public TextReading Read(MatchResult result) =>
        Decide(result, _options.MinConfidence) is { } match
            ? new TextReading(match, Alternatives(result))
            : new TextReading(null, Suggest(result));

    /// <summary>The configured lowest confidence that answers (<see cref="UnderstandingOptions.MinConfidence"/>).</summary>
    public double MinConfidence => _options.MinConfidence;

    /// <summary>
    /// The answer for a ranked message at a given confidence threshold: the best topic when it is confident and
    /// not contested, or when it clearly stands out (<see cref="IsDominant"/>), otherwise none. The evaluation sweeps <paramref name="minConfidence"/> with exactly this rule.
    /// </summary>
    public TextMatch? Decide(MatchResult result, double minConfidence)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Best is { } best && best.Topic.Kind != TopicKind.OutOfScope && !AnswersAnotherTask(best, result) && (best.IsQuote || (IsConfident(best, minConfidence) && !IsContested(best, result.Candidates, minConfidence) && !MissesTheQuestion(best, result)) || IsDominant(best, result.Candidates))
            ? new TextMatch(best.Topic, best.Confidence)
            : null;
    }

    /// <summary>
    /// The sections to offer for a message no section answers with confidently: those that explain at least
    /// <see cref="UnderstandingOptions.SuggestConfidence"/> of it, score at least <see cref="UnderstandingOptions.SuggestMinScore"/>
    /// and rank near the likeliest one (<see cref="SuggestionShare"/>).
    /// </summary>
    private Topic[] Suggest(MatchResult result)
    {
        // A message that reads best, and fairly surely, as something the guide does not cover ("delete a review")
        // gets nothing offered; one word in common ("parcel") is not enough to silence the offers.
        if (result.Best is not { } best || (best.Topic.Kind == TopicKind.OutOfScope && best.Confidence >= _options.SuggestConfidence))
            return [];
        var eligible = result.Candidates.Where(c => IsOffered(c) && c.Score >= _options.SuggestMinScore).ToArray();
        return eligible.Length == 0 ? [] : Offers(eligible, eligible.Max(c => c.Rank) * SuggestionShare);
    }

    /// <summary>
    /// The other sections an answered message may mean, offered once the user says the answer is not it: then any
    /// reading of another screen with evidence enough to answer is worth a look, however far behind it ranks.
    /// </summary>
    private Topic[] Alternatives(MatchResult result) =>
        result.Best is { } best ? Offers(OnOtherScreens(best, result.Candidates).Where(c => c.Score >= _options.MinScore), floor: 0) : [];

    /// <summary>Whether a candidate may be offered at all: a section of the guide that explains at least <see cref="UnderstandingOptions.SuggestConfidence"/> of the message.</summary>
    private bool IsOffered(TopicCandidate candidate) =>
        candidate.Topic.Kind != TopicKind.OutOfScope && candidate.Confidence >= _options.SuggestConfidence;

    /// <summary>
    /// The offered candidates (<see cref="IsOffered"/>) that rank at least <paramref name="floor"/>; one per screen (a
    /// part and its first sub-step are one), the likeliest first.
    /// </summary>
    private Topic[] Offers(IEnumerable<TopicCandidate> candidates, double floor)
    {
        var catalog = _content.Current;
        return candidates
            .Where(c => IsOffered(c) && c.Rank >= floor)
            .Select(c => c.Topic)
            .DistinctBy(t => TopicNames.Answer(t, catalog))
            .Take(MaxSuggestions)
            .ToArray();
    }

    /// <summary>
    /// Whether a candidate clearly stands out although the message explains little of itself: a story full of words
    /// the guide does not use ("paid for a drone two months ago, the seller never shipped it and vanished") still
    /// names one section when that section has strong evidence and ranks far ahead of every other screen.
    /// </summary>
    private bool IsDominant(TopicCandidate best, IReadOnlyList<TopicCandidate> candidates)
    {
        if (best.Confidence < _options.SuggestConfidence || best.Score < DominantScore)
            return false;
        var runnerUp = OnOtherScreens(best, candidates).FirstOrDefault();
        return best.Rank >= DominanceRatio * runnerUp.Rank;
    }

    /// <summary>
    /// Whether the best topic shares a how-question's words without answering it: the message names none of the guide's
    /// task words (<see cref="MatchResult.AsksAnotherTask"/>), and the topic tells what deleting does or which reason to
    /// pick, not how to do anything ("как отменить заказ" is not "заказы будут отменены").
    /// </summary>
    private static bool AnswersAnotherTask(TopicCandidate best, MatchResult result) =>
        result.AsksAnotherTask && !best.IsQuote && best.Topic.Kind is TopicKind.Consequence or TopicKind.Refunds or TopicKind.Reason;

    /// <summary>
    /// Whether the message asks what comes of something or where something is, the best topic's texts never say, and a
    /// topic of another screen with evidence enough to answer does, however little of the message it explains: "что
    /// будет, если я деактивирую профиль" matched the overview on every word but "что будет", and "где на сайте удалить
    /// профиль" on every word but "где".
    /// </summary>
    private bool MissesTheQuestion(TopicCandidate best, MatchResult result)
    {
        var missed = result.Asks & ~best.Answers;
        return missed != QuestionKind.None && OnOtherScreens(best, result.Candidates).Any(c => c.Topic.Kind != TopicKind.OutOfScope && (c.Answers & missed) != 0 && c.Score >= _options.MinScore);
    }

    /// <summary>Whether a candidate is sure enough to answer with: enough of the message explained, and enough evidence.</summary>
    private bool IsConfident(TopicCandidate candidate, double minConfidence) =>
        candidate.Confidence >= minConfidence && candidate.Score >= _options.MinScore;

    /// <summary>
    /// Whether another topic leading to a different screen is as good a reading of the message as the best one: a dead
    /// heat with any plausible one (a near tie is a guess even when the runner-up explains less of the message); a
    /// plausible one of the same list that the words the list lacks put first (then the list's shared words decided:
    /// "я смогу продавать после деактивации" read "после деактивации" as the messages' consequence); or nearly the
    /// score of a confident one that explains more; or a reason option whose own words rank well against the list of
    /// reasons or the form's reason line (<see cref="SituationShare"/>); or, for a sub-step the message says was done
    /// ("i pressed the final button, is my account gone now"), the screen after it. Topics leading to the same screen
    /// (a part and its first sub-step) never contest each other.
    /// </summary>
    private bool IsContested(TopicCandidate best, IReadOnlyList<TopicCandidate> candidates, double minConfidence)
    {
        var next = best.IsNarrated ? NextScreen(best.Topic) : null;
        var showsReasons = ShowsReasons(best.Topic);
        return OnOtherScreens(best, candidates).Any(other =>
            (IsPlausible(other) && (best.Rank / other.Rank < DeadHeatRatio || (best.List is { } list && other.List == list && other.DistinctRank > best.DistinctRank)))
            || (IsConfident(other, minConfidence) && other.Confidence > best.Confidence && best.Rank / other.Rank < ContestedRatio)
            || (showsReasons && other.Topic.Kind == TopicKind.Reason && IsPlausible(other) && other.DistinctRank >= SituationShare * best.Rank)
            || (other.Topic == next && other.Score >= _options.MinScore));
    }

    /// <summary>The screen after a sub-step's: the next sub-step, or after the form for the last; null for other topics.</summary>
    private Topic? NextScreen(Topic topic)
    {
        if (topic.Kind != TopicKind.Step || TopicNames.GuideOf(topic, _content.Current) is not { } guide)
            return null;
        for (var i = 0; i < guide.Steps.Count; i++)
        {
            if (guide.Steps[i].Id == topic.Id)
                return i + 1 < guide.Steps.Count ? topic with { Id = guide.Steps[i + 1].Id } : new Topic(topic.Guide, TopicKind.Done);
        }
        return null;
    }

    /// <summary>Whether a topic's screen lists the reason options: the list itself, or the form's reason line (<c>show_reasons</c>).</summary>
    private bool ShowsReasons(Topic topic) =>
        topic.Kind == TopicKind.Reasons
        || (topic.Kind == TopicKind.Step && TopicNames.GuideOf(topic, _content.Current) is { } guide && guide.Steps.Any(s => s.Id == topic.Id && s.ShowReasons));

    /// <summary>Whether a candidate is a reading worth weighing at all: enough of the message explained to be offered, and enough evidence to answer.</summary>
    private bool IsPlausible(TopicCandidate candidate) =>
        candidate.Confidence >= _options.SuggestConfidence && candidate.Score >= _options.MinScore;

    /// <summary>The runners-up that lead to another screen than the best one (a part and its first sub-step are one screen), in rank order.</summary>
    private IEnumerable<TopicCandidate> OnOtherScreens(TopicCandidate best, IReadOnlyList<TopicCandidate> candidates)
    {
        var catalog = _content.Current;
        var screen = TopicNames.Answer(best.Topic, catalog);
        return candidates.Skip(1).Where(c => TopicNames.Answer(c.Topic, catalog) != screen);
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
