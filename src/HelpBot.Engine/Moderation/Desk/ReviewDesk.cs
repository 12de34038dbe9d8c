using System.Security.Cryptography;
using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Dialog.Features;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;

namespace HelpBot.Engine.Moderation.Desk;

/// <summary>Why a text waits for review: the bot had no answer, was unsure, a user disputed its answer or chose a section.</summary>
public enum ReviewReason
{
    Unmatched,
    Unsure,
    Disputed,
    Chosen,
}

/// <summary>A label a text may be filed under: <see cref="Label"/> is what <see cref="ReviewDesk.FileAsync"/> takes.</summary>
/// <param name="Score">The reader's probability for its answer now; null for the other guesses (the reader ranks them only).</param>
public sealed record ReviewGuess(string Label, string Title, double? Score);

/// <summary>A text of the queue: the same text typed again is one item (<see cref="TimesSeen"/>).</summary>
/// <param name="Key">The item's id: a digest of its language and text, never the text itself.</param>
/// <param name="Proposed">The section the user chose, or the bot answered with (disputed, unsure), as a label; null when unmatched.</param>
public sealed record ReviewQueueItem(
    string Key, string Text, string Language, string Guide, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int TimesSeen,
    ReviewReason Reason, string? Proposed, IReadOnlyList<ReviewGuess> Guesses);

/// <summary>One page of the queue, the most frequent first, then the oldest; <see cref="Total"/> counts the whole queue.</summary>
public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueItem> Items, int Total);

public enum ReviewFilingOutcome
{
    /// <summary>Filed under a section or a saved answer (<see cref="ReviewFiling.Label"/>); the reader retrains.</summary>
    Filed,

    /// <summary>Filed as off-topic.</summary>
    FiledOffTopic,

    /// <summary>Left out of the training data; it leaves the queue.</summary>
    Skipped,

    /// <summary>Another moderator (or the examples file) had it filed already, under <see cref="ReviewFiling.Label"/>; it leaves the queue.</summary>
    AlreadyDecided,

    /// <summary>No text of the moderator's community has this key (a forged, outdated or another community's id).</summary>
    UnknownItem,

    /// <summary>The content has no such section or saved answer (anymore): nothing filed.</summary>
    UnknownLabel,

    /// <summary>The saved answer has as many example questions as it may: nothing filed.</summary>
    SavedAnswerFull,

    /// <summary>The examples or answers file refused it (<see cref="ReviewFiling.Detail"/>): nothing filed.</summary>
    Refused,

    /// <summary>This bot cannot file labels (no moderation store, review store or examples files).</summary>
    Unavailable,
}

/// <param name="Topic">The section or saved answer filed under; null for off-topic and skip.</param>
/// <param name="Title">What the label is called: a saved answer's title; a section's button label in the text's language when filed from the desk (the chat names it in the moderator's).</param>
public sealed record ReviewFiling(ReviewFilingOutcome Outcome, string? Label = null, Topic? Topic = null, string? Title = null, string? Detail = null);

/// <summary>A text of the queue with all its events, the latest last (what /review and the desk both read).</summary>
internal sealed record ReviewItem(string Key, string Language, string Guide, string Text, IReadOnlyList<DialogEvent> Events)
{
    public DateTimeOffset LastAt => Events[^1].At;
}

/// <summary>
/// The review queue and the filing of labels, for <c>/review</c> (its buttons) and the moderators' console alike: the
/// community's texts the bot could not answer, answered unsure, or that a user disputed or chose a section for, without
/// a decision newer than them; a label files the text, as typed, in its guide's examples file (or under a saved answer)
/// and records the decision, which takes the text out of the queue.
/// </summary>
public sealed class ReviewDesk
{
    /// <summary>The label of off-topic (the examples file's own).</summary>
    public const string OffTopic = TopicNames.OffTopic;

    /// <summary>The label of skip: the text leaves the queue, nothing is filed.</summary>
    public const string Skip = "skip";

    /// <summary>The window of <c>/stats</c>' count of labels added.</summary>
    public static readonly TimeSpan LabelsWindow = TimeSpan.FromDays(7);

    /// <summary>Most items a page of <see cref="ListAsync"/>: each is read by the reader for its guesses.</summary>
    public const int MaxPageSize = 100;

    internal const int MaxGuesses = 3;
    private const int KeyLength = 16;

    private static readonly DialogEventKind[] Reviewed = [DialogEventKind.Unmatched, DialogEventKind.Unsure, DialogEventKind.Chosen];

    private readonly ITextUnderstanding _understanding;
    private readonly IModerationStore? _moderation;
    private readonly IReviewStore? _reviews;
    private readonly ITrainingExamples? _examples;
    private readonly ISavedAnswers? _savedAnswers;
    private readonly TimeProvider _time;
    private readonly ScreenBookSource _book;

    internal ReviewDesk(DialogDependencies dependencies, ScreenBookSource book)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        _understanding = dependencies.Understanding;
        _moderation = dependencies.Moderation;
        _reviews = dependencies.Reviews;
        _examples = dependencies.Examples;
        _savedAnswers = dependencies.SavedAnswers;
        _time = dependencies.Time;
        _book = book;
    }

    /// <summary>Whether labels can be filed at all.</summary>
    public bool CanTeach => _moderation is not null && _reviews is not null && _examples is not null;

    internal bool CanFileUnderSaved => _savedAnswers is not null;

    /// <summary>The digest naming a text in buttons and decisions: its language and duplicate key, never the text itself.</summary>
    public static string KeyOf(string language, string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(language + "\n" + ExamplesFile.Key(text))))[..KeyLength];

    /// <summary>Whether <paramref name="key"/> has the form of <see cref="KeyOf"/>.</summary>
    public static bool IsKey(string? key) => key is { Length: KeyLength } && key.All(char.IsAsciiHexDigitUpper);

    /// <summary>
    /// A page of the moderator's community's queue, with the reader's guesses now; titles in
    /// <paramref name="displayLanguage"/> (null: each text's own language). Empty when this bot cannot file labels.
    /// </summary>
    public async ValueTask<ReviewQueuePage> ListAsync(Moderator moderator, int skip, int take, string? displayLanguage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (!CanTeach)
            return new ReviewQueuePage([], 0);
        var book = _book.Current;
        var queue = await QueueAsync(moderator.Community, cancellationToken);
        var items = queue.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 0, MaxPageSize)).Select(item =>
        {
            var display = book.LanguageFor(displayLanguage ?? item.Language, null);
            var (reason, proposed) = ReasonOf(item);
            var reading = _understanding.Understand(item.Text, item.Language, near: null, moderator.Community);
            var guesses = Candidates(book, moderator.Community, item, reading, Chosen(item), Answered(item))
                .Take(MaxGuesses)
                .Select(g => new ReviewGuess(g.Argument, Title(book, display, item.Guide, g.Topic), reading.Match is { } match && match.Topic == g.Topic ? match.Confidence : null))
                .ToList();
            return new ReviewQueueItem(item.Key, item.Text, item.Language, item.Guide, item.Events[0].At, item.LastAt, item.Events.Count, reason, proposed, guesses);
        }).ToList();
        return new ReviewQueuePage(items, queue.Count);
    }

    /// <summary>
    /// Files the item <paramref name="key"/> of the moderator's community under <paramref name="label"/> (a guess's
    /// label, any section's button argument, a saved answer's, <see cref="OffTopic"/> or <see cref="Skip"/>) exactly as
    /// a tap in <c>/review</c> does.
    /// </summary>
    public async ValueTask<ReviewFiling> FileAsync(Moderator moderator, string key, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (!CanTeach)
            return new ReviewFiling(ReviewFilingOutcome.Unavailable);
        if (!IsKey(key) || await FindItemAsync(moderator.Community, key, cancellationToken) is not { } item)
            return new ReviewFiling(ReviewFilingOutcome.UnknownItem);
        if (string.IsNullOrEmpty(label))
            return new ReviewFiling(ReviewFilingOutcome.UnknownLabel);
        var now = _time.GetUtcNow();
        if (label == Skip)
            return await SkipAsync(moderator, item, now, cancellationToken);
        var book = _book.Current;
        var filing = await FileAsync(book, moderator, item, label, now, cancellationToken);
        // Named as the queue's guesses name it: the section's button in the text's language (a saved answer has its title).
        return filing is { Title: null, Topic: { } topic }
            ? filing with { Title = Title(book, book.LanguageFor(item.Language, null), item.Guide, topic) }
            : filing;
    }

    /// <summary>How many texts wait, and how many labels moderators added since <paramref name="now"/> − <see cref="LabelsWindow"/>.</summary>
    internal async ValueTask<(int Queue, int Labels)?> CountsAsync(string community, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!CanTeach)
            return null;
        var queue = await QueueAsync(community, cancellationToken);
        var labels = (await _reviews!.ListReviewDecisionsAsync(community, now - LabelsWindow, cancellationToken))
            .Count(d => d.Outcome != ReviewOutcome.Skipped);
        return (queue.Count, labels);
    }

    /// <summary>Skip: the text leaves the queue; a skip from an older view never undoes another moderator's label.</summary>
    internal async ValueTask<ReviewFiling> SkipAsync(Moderator moderator, ReviewItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await DecisionAsync(moderator.Community, item, cancellationToken) is { Outcome: not ReviewOutcome.Skipped, Label: { } filed } decision && decision.At >= item.LastAt)
            return new ReviewFiling(ReviewFilingOutcome.AlreadyDecided, filed);
        await DecideAsync(moderator, item, ReviewOutcome.Skipped, null, now, cancellationToken);
        return new ReviewFiling(ReviewFilingOutcome.Skipped);
    }

    /// <summary>Files <paramref name="item"/> under <paramref name="argument"/> (off-topic, a section's or a saved answer's argument).</summary>
    internal async ValueTask<ReviewFiling> FileAsync(ScreenBook book, Moderator moderator, ReviewItem item, string argument, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string label;
        Topic? topic = null;
        if (argument == OffTopic)
        {
            label = TopicNames.OffTopic;
        }
        else if (SectionOf(book, moderator.Community, item, argument) is { Kind: TopicKind.Saved, Id: { } savedId })
        {
            return await FileUnderSavedAsync(moderator, item, savedId, now, cancellationToken);
        }
        else if (SectionOf(book, moderator.Community, item, argument) is { } section)
        {
            (label, topic) = (TopicNames.Format(section, item.Guide), section);
        }
        else
        {
            return new ReviewFiling(ReviewFilingOutcome.UnknownLabel, argument);
        }

        var filing = await _examples!.FileAsync(item.Language, item.Guide, label, item.Text, cancellationToken);
        switch (filing.Outcome)
        {
            case ExampleFilingOutcome.Added:
                await DecideAsync(moderator, item, label == TopicNames.OffTopic ? ReviewOutcome.OffTopic : ReviewOutcome.Labelled, label, now, cancellationToken);
                return new ReviewFiling(topic is null ? ReviewFilingOutcome.FiledOffTopic : ReviewFilingOutcome.Filed, label, topic);
            case ExampleFilingOutcome.AlreadyFiled or ExampleFilingOutcome.FiledOtherwise:
                // Another moderator was first, or the text was already an example: it leaves the queue as it is filed.
                var filed = filing.Detail ?? label;
                await DecideAsync(moderator, item, filed == TopicNames.OffTopic ? ReviewOutcome.OffTopic : ReviewOutcome.Labelled, filed, now, cancellationToken);
                return new ReviewFiling(ReviewFilingOutcome.AlreadyDecided, filed);
            default:
                return new ReviewFiling(ReviewFilingOutcome.Refused, label, Detail: filing.Detail ?? "");
        }
    }

    /// <summary>
    /// Files the text as one more example of a saved answer: appended to it in its language's <c>answers.yaml</c> (the
    /// reader retrains), and decided like any label. A text it already has, or an answer deleted meanwhile, says so.
    /// </summary>
    private async ValueTask<ReviewFiling> FileUnderSavedAsync(Moderator moderator, ReviewItem item, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var topic = Topic.Saved(id);
        var label = TopicNames.Format(topic, item.Guide);
        var key = ExamplesFile.Key(item.Text);
        var full = false;
        var change = await _savedAnswers!.ChangeAsync(item.Language, id, answer =>
        {
            if (answer is null || answer.Examples.Any(e => ExamplesFile.Key(e) == key))
                return answer;
            full = answer.Examples.Count >= SavedAnswersFile.MaxExamples;
            return full ? answer : answer with { Examples = [.. answer.Examples, string.Join(' ', item.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))] };
        }, cancellationToken);
        switch (change)
        {
            case { Answer: null }:
                return new ReviewFiling(ReviewFilingOutcome.UnknownLabel, SavedAnswers.ArgumentOf(id));
            case { Outcome: SavedAnswerOutcome.Unchanged } when full:
                return new ReviewFiling(ReviewFilingOutcome.SavedAnswerFull, label, topic, change.Answer!.Title);
            case { Outcome: SavedAnswerOutcome.Changed }:
                await DecideAsync(moderator, item, ReviewOutcome.Labelled, label, now, cancellationToken);
                return new ReviewFiling(ReviewFilingOutcome.Filed, label, topic, change.Answer!.Title);
            case { Outcome: SavedAnswerOutcome.Unchanged }:
                await DecideAsync(moderator, item, ReviewOutcome.Labelled, label, now, cancellationToken);
                return new ReviewFiling(ReviewFilingOutcome.AlreadyDecided, label, topic, change.Answer!.Title);
            default:
                return new ReviewFiling(ReviewFilingOutcome.Refused, label, Detail: change.Detail ?? "");
        }
    }

    /// <summary>
    /// The labels to offer, best first: the one the user chose, the reader's answer and suggestions now, the one the
    /// text was answered with; sections of the text's guide and saved answers the community is served, each once.
    /// </summary>
    internal IEnumerable<(Topic Topic, string Argument)> Candidates(ScreenBook book, string community, ReviewItem item, TextReading reading, string? chosen, string? answered)
    {
        var screens = ItemGuide(book, item.Language, item.Guide);
        IEnumerable<Topic?> guesses =
        [
            chosen is null ? null : SavedAnswers.TopicOf(chosen) ?? screens?.TopicOf(chosen),
            reading.Match?.Topic,
            .. reading.Suggestions.Select(t => (Topic?)t),
            answered is null ? null : SavedAnswers.TopicOf(answered) ?? screens?.TopicOf(answered),
        ];
        foreach (var topic in guesses.OfType<Topic>().Where(t => t.Guide == item.Guide || t.Kind == TopicKind.Saved).Distinct())
        {
            if (topic is { Kind: TopicKind.Saved, Id: { } id })
            {
                if (_savedAnswers is not null && SavedAnswerFor(book, community, item.Language, id) is not null)
                    yield return (topic, SavedAnswers.ArgumentOf(id));
            }
            else if (screens?.ArgumentOf(topic) is { } argument)
            {
                yield return (topic, argument);
            }
        }
    }

    internal TextReading Read(ReviewItem item, string community) => _understanding.Understand(item.Text, item.Language, near: null, community);

    /// <summary>The section the user chose for the text, last time.</summary>
    internal static string? Chosen(ReviewItem item) => LastTopic(item, DialogEventKind.Chosen);

    /// <summary>The section the text was answered with (disputed, else unsure), offered after the reader's guesses.</summary>
    internal static string? Answered(ReviewItem item) =>
        item.Events.LastOrDefault(e => e.Kind == DialogEventKind.Unmatched && e.Topic is not null)?.Topic ?? LastTopic(item, DialogEventKind.Unsure);

    /// <summary>Why the item waits, and the label it was proposed with (chosen, disputed or answered unsure).</summary>
    internal static (ReviewReason Reason, string? Proposed) ReasonOf(ReviewItem item)
    {
        var disputed = item.Events.LastOrDefault(e => e.Kind == DialogEventKind.Unmatched && e.Topic is not null)?.Topic;
        return Chosen(item) is { } chosen ? (ReviewReason.Chosen, chosen)
            : disputed is not null ? (ReviewReason.Disputed, disputed)
            : LastTopic(item, DialogEventKind.Unsure) is { } unsure ? (ReviewReason.Unsure, unsure)
            : (ReviewReason.Unmatched, null);
    }

    private static string? LastTopic(ReviewItem item, DialogEventKind kind) => item.Events.LastOrDefault(e => e.Kind == kind && e.Topic is not null)?.Topic;

    /// <summary>The guide's screens in the text's language, if both still exist.</summary>
    internal static GuideScreens? ItemGuide(ScreenBook book, string language, string guide) =>
        book.Languages.TryGetValue(language, out var screens) && screens.Guides.TryGetValue(guide, out var found) ? found : null;

    /// <summary>
    /// The section an argument names in the text's guide now, or the saved answer it names in the text's language for
    /// <paramref name="community"/>; null when the content no longer has it.
    /// </summary>
    internal Topic? SectionOf(ScreenBook book, string community, ReviewItem item, string argument) =>
        SavedAnswers.TopicOf(argument) is { Id: { } id } saved
            ? _savedAnswers is not null && SavedAnswerFor(book, community, item.Language, id) is not null ? saved : null
            : ItemGuide(book, item.Language, item.Guide)?.TopicOf(argument);

    /// <summary>A section as a moderator reads it: its button's label in <paramref name="display"/> (a saved answer: its title).</summary>
    internal static string Title(ScreenBook book, LanguageScreens display, string guide, Topic topic) =>
        topic is { Kind: TopicKind.Saved, Id: { } id }
            ? (display.SavedAnswers.GetValueOrDefault(id) ?? book.Languages.Values.Select(l => l.SavedAnswers.GetValueOrDefault(id)).FirstOrDefault(a => a is not null))?.Title ?? TopicNames.Format(topic, guide)
            : display.Guides.TryGetValue(guide, out var screens) && screens.TopicButton(topic) is { } button
                ? button.Label
                : TopicNames.Format(topic, guide);

    /// <summary>Saved answer <paramref name="id"/> in <paramref name="language"/>, if <paramref name="community"/> is served it.</summary>
    internal static SavedAnswer? SavedAnswerFor(ScreenBook book, string community, string language, string id) =>
        book.Languages.TryGetValue(language, out var screens) && screens.SavedAnswers.TryGetValue(id, out var answer) && answer.IsFor(community)
            ? answer
            : null;

    private ValueTask DecideAsync(Moderator moderator, ReviewItem item, ReviewOutcome outcome, string? label, DateTimeOffset now, CancellationToken cancellationToken) =>
        _reviews!.SaveReviewDecisionAsync(new ReviewDecision
        {
            Id = ReviewDecision.IdFor(moderator.Community, item.Key),
            Community = moderator.Community,
            Key = item.Key,
            Outcome = outcome,
            Label = label,
            By = moderator.By,
            At = now,
        }, cancellationToken);

    private async ValueTask<ReviewDecision?> DecisionAsync(string community, ReviewItem item, CancellationToken cancellationToken) =>
        (await _reviews!.ListReviewDecisionsAsync(community, DateTimeOffset.MinValue, cancellationToken)).FirstOrDefault(d => d.Key == item.Key);

    /// <summary>The community's text with this key, decided or not; null when there is none.</summary>
    internal async ValueTask<ReviewItem?> FindItemAsync(string community, string key, CancellationToken cancellationToken) =>
        (await ItemsAsync(community, cancellationToken)).FirstOrDefault(i => i.Key == key);

    /// <summary>Every text of the community the queue is made of, decided or not.</summary>
    private async ValueTask<IReadOnlyList<ReviewItem>> ItemsAsync(string community, CancellationToken cancellationToken)
    {
        var events = await _moderation!.ListEventsAsync(community, Reviewed, DateTimeOffset.MinValue, cancellationToken);
        return events
            .Where(e => !string.IsNullOrWhiteSpace(e.Text))
            .GroupBy(e => KeyOf(e.Language, e.Text!), StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderBy(e => e.At).ToList();
                var latest = ordered[^1];
                return new ReviewItem(g.Key, latest.Language, latest.Guide, latest.Text!, ordered);
            })
            .ToList();
    }

    /// <summary>The texts without a decision since they last came up: the most frequent first, then the oldest.</summary>
    internal async ValueTask<IReadOnlyList<ReviewItem>> QueueAsync(string community, CancellationToken cancellationToken)
    {
        var decided = (await _reviews!.ListReviewDecisionsAsync(community, DateTimeOffset.MinValue, cancellationToken))
            .ToDictionary(d => d.Key, d => d.At, StringComparer.Ordinal);
        return (await ItemsAsync(community, cancellationToken))
            .Where(i => !decided.TryGetValue(i.Key, out var at) || at < i.LastAt)
            .OrderByDescending(i => i.Events.Count)
            .ThenBy(i => i.Events[0].At)
            .ToList();
    }
}
