using System.Globalization;
using System.Text;
using CsvHelper;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;
using ScottPlot;

namespace HelpBot.Reports;

/// <summary>Draws the funnel and the helpful rate as one PNG, and writes exports as RFC 4180 CSV.</summary>
public sealed class ReportRenderer : IReportRenderer
{
    public const int ChartWidth = 900;
    public const int ChartHeight = 450;

    public Attachment StatsChart(StatsReport report, string title, string funnelLabel, string helpfulLabel) =>
        new("stats.png", "image/png", BuildChart(report, title, funnelLabel, helpfulLabel).GetImageBytes(ChartWidth, ChartHeight, ImageFormat.Png));

    /// <summary>The chart before rendering, so tests can read the bars it draws.</summary>
    public static Plot BuildChart(StatsReport report, string title, string funnelLabel, string helpfulLabel)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        plot.Title(title);

        // One bar per sub-step: the users who reached it, counted on an axis of whole numbers.
        var bars = report.Funnel.Select((users, index) => new Bar { Position = index + 1, Value = users, FillColor = Colors.SteelBlue, Label = users.ToString(CultureInfo.InvariantCulture) }).ToList();
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 14;
        var top = Math.Max(1, report.Funnel.DefaultIfEmpty(0).Max());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. UserTicks(top)]);
        plot.Axes.Margins(bottom: 0);
        // Headroom above the tallest bar for its value and the helpful-rate label.
        plot.Axes.SetLimitsY(0, top * 1.3);

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. report.Funnel.Select((_, index) => new Tick(index + 1, $"{index + 1}/{report.Funnel.Count}"))]);
        plot.Axes.Bottom.Label.Text = Drawable(funnelLabel);

        // The helpful rate is a share, not a count of users: it has its own label, not a bar on the users' axis.
        if (report.HelpfulRate is { } rate)
        {
            var label = plot.Add.Annotation($"{Drawable(helpfulLabel)}: {StatsReport.Percent(rate)}", Alignment.UpperRight);
            label.LabelFontSize = 16;
            label.LabelBackgroundColor = Colors.White;
            label.LabelBorderColor = Colors.SeaGreen;
            label.LabelFontColor = Colors.SeaGreen;
            label.LabelShadowColor = Colors.Transparent;
        }
        return plot;
    }

    /// <summary>Whole-number ticks from 0 to <paramref name="top"/>, a step of 1, 2, 5, 10, 20, 50... so that at most about eight show.</summary>
    public static IEnumerable<Tick> UserTicks(int top)
    {
        var step = 1;
        while (top / step > 8)
        {
            var magnitude = 1;
            while (magnitude * 10 <= step)
                magnitude *= 10;
            step = (step / magnitude) switch { 1 => 2, 2 => 5, _ => 10 } * magnitude;
        }
        for (var value = 0; value <= top; value += step)
            yield return new Tick(value, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The text without the pictographs (👍, ✓) the chart's fonts here draw as empty boxes; a label is still
    /// clear without them.
    /// </summary>
    public static string Drawable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is not (UnicodeCategory.OtherSymbol or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.Format)
                && rune.Value is not (>= 0xFE00 and <= 0xFE0F))
            {
                kept.Append(rune.ToString());
            }
        }
        return kept.ToString().Trim();
    }

    public Attachment Csv<T>(string fileName, IEnumerable<T> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
            csv.WriteRecords(rows);
        return new Attachment(fileName, "text/csv", buffer.ToArray());
    }
}
