using System.Globalization;
using HelpBot.Engine.Moderation.Desk;

namespace HelpBot.ModeratorConsole.Pages.Stats;

/// <summary>
/// The span a stats address asks for (<c>?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>, or <c>?days=7</c> up to today), or why
/// it cannot be given: a date that is not one, an end before the start, more than <see cref="StatsDesk.MaxDays"/> days.
/// </summary>
public sealed record StatsSpanQuery(DateOnly? From, DateOnly? To, string? Problem)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The presets the page links to.</summary>
    public static readonly int[] PresetDays = [7, 30, 90];

    public static StatsSpanQuery Parse(string? from, string? to, string? days, DateOnly today)
    {
        if (!string.IsNullOrEmpty(days))
        {
            return int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= StatsDesk.MaxDays
                ? new StatsSpanQuery(today.AddDays(1 - count), today, null)
                : Refused($"'days' is a whole number from 1 to {StatsDesk.MaxDays}.");
        }
        if (!TryDate(from, out var first) || !TryDate(to, out var last))
            return Refused($"Dates are written {DateFormat}, e.g. {today.ToString(DateFormat, CultureInfo.InvariantCulture)}.");
        var end = last ?? today;
        if (first is { } start && start > end)
            return Refused("The span ends before it starts: 'to' must be on or after 'from'.");
        if (first is { } begin && end.DayNumber - begin.DayNumber + 1 > StatsDesk.MaxDays)
            return Refused($"A span is at most {StatsDesk.MaxDays} days.");
        return new StatsSpanQuery(first, last, null);
    }

    private static StatsSpanQuery Refused(string problem) => new(null, null, problem);

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrEmpty(text))
            return true;
        if (!DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return false;
        date = parsed;
        return true;
    }
}
