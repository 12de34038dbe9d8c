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

        // One bar per sub-step (users who reached it), then the helpful rate scaled to the first step's height.
        var bars = report.Funnel.Select((users, index) => new Bar { Position = index + 1, Value = users, FillColor = Colors.SteelBlue, Label = users.ToString(CultureInfo.InvariantCulture) }).ToList();
        var top = Math.Max(1, report.Funnel.DefaultIfEmpty(0).Max());
        if (report.HelpfulRate is { } rate)
            bars.Add(new Bar { Position = report.Funnel.Count + 2, Value = rate * top, FillColor = Colors.SeaGreen, Label = (rate * 100).ToString("0", CultureInfo.InvariantCulture) + "%" });
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 14;

        var ticks = report.Funnel.Select((_, index) => new Tick(index + 1, $"{index + 1}/{report.Funnel.Count}")).ToList();
        if (report.HelpfulRate is not null)
            ticks.Add(new Tick(report.Funnel.Count + 2, helpfulLabel));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.Label.Text = funnelLabel;
        plot.Axes.Margins(bottom: 0);
        plot.Axes.SetLimitsY(0, top * 1.15);
        return plot;
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
