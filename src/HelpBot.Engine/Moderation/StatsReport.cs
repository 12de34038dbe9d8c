using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Moderation;

/// <summary>What helps and where users give up, for one community over a period.</summary>
public sealed record StatsReport(
    int Days,
    int Users,
    int HelpfulYes,
    int HelpfulNo,
    int QuestionsAsked,
    int QuestionsAnswered,
    TimeSpan? MedianTimeToAnswer,
    IReadOnlyList<int> Funnel,
    IReadOnlyList<(string Text, int Count)> TopUnmatched)
{
    /// <summary>Share of "yes" among answers, 0..1; null without answers.</summary>
    public double? HelpfulRate => HelpfulYes + HelpfulNo == 0 ? null : (double)HelpfulYes / (HelpfulYes + HelpfulNo);

    /// <summary>A rate as whole percent, e.g. <c>75%</c>.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static StatsReport Compute(int days, int steps, IReadOnlyList<DialogEvent> events, IReadOnlyList<Feedback> feedback, IReadOnlyList<Question> questions)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Compute(days, steps, ActiveUsers.Of(events), events.Where(e => e.Kind == DialogEventKind.Unmatched).ToList(), feedback, questions);
    }

    /// <summary>
    /// The report from the span's <paramref name="activity"/> (its events' users and funnel, summed over days), its
    /// unmatched events, feedback and questions.
    /// </summary>
    internal static StatsReport Compute(int days, int steps, ActiveUsers activity, IReadOnlyList<DialogEvent> unmatchedEvents, IReadOnlyList<Feedback> feedback, IReadOnlyList<Question> questions)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(questions);
        var everyone = new ActiveUsers();
        everyone.Add(activity);
        foreach (var key in feedback.Select(f => f.UserKey).Concat(questions.Select(q => q.UserKey)))
            everyone.AddUser(key);

        var answered = questions.Where(q => q.Status == QuestionStatus.Answered && q.ResolvedAt is not null).ToList();
        var durations = answered.Select(q => q.ResolvedAt!.Value - q.AskedAt).Order().ToList();
        TimeSpan? median = durations.Count == 0 ? null
            : durations.Count % 2 == 1 ? durations[durations.Count / 2]
            : (durations[durations.Count / 2 - 1] + durations[durations.Count / 2]) / 2;

        var unmatched = unmatchedEvents.Where(e => !string.IsNullOrWhiteSpace(e.Text))
            .GroupBy(e => e.Text!.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .Select(g => (Text: g.First().Text!.Trim(), Count: g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Text, StringComparer.Ordinal)
            .Take(5)
            .ToList();

        return new StatsReport(days, everyone.Users, feedback.Count(f => f.Helpful), feedback.Count(f => !f.Helpful), questions.Count, answered.Count, median, everyone.Funnel(steps), unmatched);
    }
}
