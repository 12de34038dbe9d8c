using System.Text;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>Stands in for the chart and CSV renderer: small files with the right names and types.</summary>
public sealed class TestReports : IReportRenderer
{
    public Attachment StatsChart(StatsReport report, string title, string funnelLabel, string helpfulLabel) =>
        new("stats.png", "image/png", [0x89, 0x50, 0x4E, 0x47]);

    public Attachment Csv<T>(string fileName, IEnumerable<T> rows) =>
        new(fileName, "text/csv", Encoding.UTF8.GetBytes("rows," + rows.Count()));
}
