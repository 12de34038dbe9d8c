using System.Globalization;
using System.Text.Json;
using HelpBot.Engine.Moderation.Desk;

namespace HelpBot.ModeratorConsole.Pages.Stats;

/// <summary>
/// What stats.js draws, as the page's JSON block: a series per day and the step funnel. Serialised with the default
/// encoder, which escapes &lt; and &amp;, so the block cannot end its script element early.
/// </summary>
public sealed record StatsChartData(
    IReadOnlyList<string> Days, IReadOnlyList<int> Questions, IReadOnlyList<int> Unanswered,
    IReadOnlyList<int> Helpful, IReadOnlyList<int> NotHelpful, IReadOnlyList<int> Funnel)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static StatsChartData Of(StatsSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return new StatsChartData(
            span.Days.Select(d => d.Day.ToString(StatsSpanQuery.DateFormat, CultureInfo.InvariantCulture)).ToList(),
            span.Days.Select(d => d.Questions).ToList(),
            span.Days.Select(d => d.Unmatched).ToList(),
            span.Days.Select(d => d.Helpful).ToList(),
            span.Days.Select(d => d.NotHelpful).ToList(),
            span.Report.Funnel);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
