using System.Collections.Concurrent;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Moderation.Desk;

/// <summary>One day (UTC) of the community: questions asked, texts the bot had no answer for, guide feedback.</summary>
public sealed record DailyStats(DateOnly Day, int Questions, int Unmatched, int Helpful, int NotHelpful);

/// <summary>
/// A text the bot had no answer for, grouped as the review queue groups texts: <see cref="Key"/> is the queue item's
/// key (<see cref="ReviewDesk.KeyOf"/>), to link to labelling it; <see cref="Text"/> is its latest wording.
/// </summary>
public sealed record UnansweredText(string Key, string Text, string Language, int Count, DateTimeOffset LastAt);

/// <summary>
/// The community's figures for the days <see cref="From"/>..<see cref="To"/> (UTC, both included): a series a day, the
/// report <c>/stats</c> prints (users, helpful rate, questions, the step funnel) and the most frequent unanswered texts.
/// </summary>
public sealed record StatsSpan(DateOnly From, DateOnly To, IReadOnlyList<DailyStats> Days, StatsReport Report, IReadOnlyList<UnansweredText> TopUnanswered);

public enum StatsOutcome
{
    Ready,

    /// <summary><c>from</c> is after <c>to</c>.</summary>
    InvalidSpan,

    /// <summary>This bot has no moderation store (for exports: no CSV renderer either).</summary>
    Unavailable,
}

public sealed record StatsResult(StatsOutcome Outcome, StatsSpan? Stats = null);

/// <summary>The CSV files of <c>/export</c>: each with its file name, content type and bytes.</summary>
public sealed record ExportResult(StatsOutcome Outcome, IReadOnlyList<Attachment> Files);

/// <summary>
/// The moderators' figures for the console: the report <c>/stats</c> prints (<see cref="StatsReport.Compute(int, int, IReadOnlyList{DialogEvent}, IReadOnlyList{Feedback}, IReadOnlyList{Question})"/>,
/// here from past days' digests and today's events), and the files <c>/export</c> sends (<see cref="ExportFilesAsync"/>).
/// A span is cut to its last <see cref="MaxDays"/> days and ends today at the latest.
/// </summary>
public sealed class StatsDesk
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;
    public const int MaxTop = 100;

    private static readonly DialogEventKind[] Unmatched = [DialogEventKind.Unmatched];

    private readonly IModerationStore? _moderation;
    private readonly IReportRenderer? _reports;
    private readonly TimeProvider _time;
    private readonly ScreenBookSource _book;

    /// <summary>How long after a day's end (UTC) its events are taken as all written (turns commit within seconds).</summary>
    internal static readonly TimeSpan ClosedAfter = TimeSpan.FromMinutes(10);

    /// <summary>Digests kept before the cache starts over: a year of days for a dozen communities.</summary>
    private const int MaxClosedDays = 12 * MaxDays;

    private readonly ConcurrentDictionary<(string Community, DateOnly Day), ActiveUsers> _closedDays = new();

    internal StatsDesk(DialogDependencies dependencies, ScreenBookSource book)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        _moderation = dependencies.Moderation;
        _reports = dependencies.Reports;
        _time = dependencies.Time;
        _book = book;
    }

    /// <summary>
    /// The figures of the days <paramref name="from"/>..<paramref name="to"/> (UTC; default: the last
    /// <see cref="DefaultDays"/> days up to today), with the <paramref name="top"/> most frequent unanswered texts.
    /// </summary>
    public async ValueTask<StatsResult> GetAsync(Moderator moderator, DateOnly? from, DateOnly? to, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (_moderation is null)
            return new StatsResult(StatsOutcome.Unavailable);
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var last = to ?? today;
        var first = from ?? last.AddDays(1 - DefaultDays);
        if (first > last)
            return new StatsResult(StatsOutcome.InvalidSpan);
        // Days to come have nothing yet (and DateOnly.MaxValue has no day after it).
        if (last > today)
            last = today;
        if (first > last)
            first = last;
        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
            first = last.AddDays(1 - MaxDays);
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var until = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var days = last.DayNumber - first.DayNumber + 1;

        var book = _book.Current;
        var steps = book.Languages[book.Catalog.DefaultLanguage].Guides[book.Catalog.DefaultGuide].StepCount;
        var activity = await ActivityAsync(_moderation, moderator.Community, first, last, cancellationToken);
        var unmatched = (await _moderation.ListEventsAsync(moderator.Community, Unmatched, since, cancellationToken)).Where(e => e.At < until).ToList();
        var feedback = (await _moderation.ListFeedbackAsync(moderator.Community, since, cancellationToken)).Where(f => f.At < until).ToList();
        var questions = (await _moderation.ListQuestionsAsync(moderator.Community, since, cancellationToken)).Where(q => q.AskedAt < until).ToList();
        var report = StatsReport.Compute(days, steps, activity, unmatched, feedback, questions);

        static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
        var series = Enumerable.Range(0, days).Select(first.AddDays).Select(day => new DailyStats(day,
            questions.Count(q => Day(q.AskedAt) == day),
            unmatched.Count(e => Day(e.At) == day),
            feedback.Count(f => f.Helpful && Day(f.At) == day),
            feedback.Count(f => !f.Helpful && Day(f.At) == day))).ToList();
        var topTexts = unmatched.Where(e => !string.IsNullOrWhiteSpace(e.Text))
            .GroupBy(e => ReviewDesk.KeyOf(e.Language, e.Text!), StringComparer.Ordinal)
            .Select(g =>
            {
                var latest = g.MaxBy(e => e.At)!;
                return new UnansweredText(g.Key, latest.Text!.Trim(), latest.Language, g.Count(), latest.At);
            })
            .OrderByDescending(t => t.Count).ThenByDescending(t => t.LastAt)
            .Take(Math.Clamp(top, 0, MaxTop))
            .ToList();
        return new StatsResult(StatsOutcome.Ready, new StatsSpan(first, last, series, report, topTexts));
    }

    /// <summary>The CSV files <c>/export</c> sends (everything the community's store has), name and bytes each.</summary>
    public async ValueTask<ExportResult> ExportAsync(Moderator moderator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (_moderation is null || _reports is null)
            return new ExportResult(StatsOutcome.Unavailable, []);
        return new ExportResult(StatsOutcome.Ready, await ExportFilesAsync(_moderation, _reports, moderator.Community, cancellationToken));
    }

    /// <summary><c>/stats</c>'s report of the last <paramref name="days"/> days before <paramref name="now"/>.</summary>
    internal static async ValueTask<StatsReport> ReportAsync(IModerationStore moderation, string community, DateTimeOffset now, int days, int steps, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-days);
        return StatsReport.Compute(days, steps,
            await moderation.ListEventsAsync(community, since, cancellationToken),
            await moderation.ListFeedbackAsync(community, since, cancellationToken),
            await moderation.ListQuestionsAsync(community, since, cancellationToken));
    }

    /// <summary><c>/export</c>'s files: feedback.csv, questions.csv and unmatched.csv of the community, shared with the console.</summary>
    internal static async ValueTask<IReadOnlyList<Attachment>> ExportFilesAsync(IModerationStore moderation, IReportRenderer reports, string community, CancellationToken cancellationToken)
    {
        var feedback = await moderation.ListFeedbackAsync(community, DateTimeOffset.MinValue, cancellationToken);
        var questions = await moderation.ListQuestionsAsync(community, DateTimeOffset.MinValue, cancellationToken);
        var unmatched = await moderation.ListEventsAsync(community, Unmatched, DateTimeOffset.MinValue, cancellationToken);
        return
        [
            reports.Csv("feedback.csv", feedback.Select(f => new FeedbackRow(f.UserKey, f.Guide, f.Helpful, f.Comment, f.Language, f.At))),
            reports.Csv("questions.csv", questions.Select(q => new QuestionRow(q.Id, q.UserKey, q.DisplayName, q.Language, q.Step, q.Text, q.AskedAt, q.Status.ToString(), q.Answer, q.ResolvedBy, q.ResolvedAt, q.AnswerHelpful))),
            reports.Csv("unmatched.csv", unmatched.Select(e => new UnmatchedRow(e.UserKey, e.Text ?? "", e.Topic, e.Language, e.At))),
        ];
    }

    /// <summary>
    /// The users and funnel of <paramref name="first"/>..<paramref name="last"/>: closed days from their digests (read
    /// once, then kept), the others from the store. Events carry the time of their turn and are committed within
    /// seconds, so a day <see cref="ClosedAfter"/> past its end gets no more; what the page reads each time is today's
    /// events, unmatched texts, feedback and questions, not the span's every event.
    /// </summary>
    private async ValueTask<ActiveUsers> ActivityAsync(IModerationStore moderation, string community, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var lastClosed = DateOnly.FromDateTime((_time.GetUtcNow() - ClosedAfter).UtcDateTime).AddDays(-1);
        var activity = new ActiveUsers();
        var firstOpen = first;
        for (; firstOpen <= last && firstOpen <= lastClosed; firstOpen = firstOpen.AddDays(1))
        {
            if (!_closedDays.TryGetValue((community, firstOpen), out var digest))
                break;
            activity.Add(digest);
        }
        if (firstOpen > last)
            return activity;

        // One read from the first day not yet digested: it digests the closed days among them and counts the rest.
        var events = await moderation.ListEventsAsync(community, new DateTimeOffset(firstOpen.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cancellationToken);
        var byDay = events.ToLookup(e => DateOnly.FromDateTime(e.At.UtcDateTime));
        if (_closedDays.Count > MaxClosedDays)
            _closedDays.Clear();
        for (var day = firstOpen; day <= last; day = day.AddDays(1))
        {
            if (day > lastClosed)
            {
                foreach (var e in byDay[day])
                    activity.Add(e);
                continue;
            }
            var digest = _closedDays.GetOrAdd((community, day), _ => ActiveUsers.Of(byDay[day]));
            activity.Add(digest);
        }
        return activity;
    }
}
