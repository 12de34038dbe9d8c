using System.Globalization;
using System.Text;
using CsvHelper;
using HelpBot.Engine.Moderation;
using ScottPlot.Plottables;

namespace HelpBot.Reports.Tests;

public sealed class ReportRendererTests
{
    private static readonly StatsReport Report = new(30, 5, 3, 1, 2, 1, TimeSpan.FromMinutes(42), [5, 4, 4, 3, 2, 2, 1, 1, 1], [("кошка", 2)]);

    [Fact]
    public void BuildChart_DrawsOneBarPerStepWithItsUsers_AndTheHelpfulRateAsALabel()
    {
        var plot = ReportRenderer.BuildChart(Report, "Funnel", "Reached step", "👍 Helpful");

        var bars = Assert.Single(plot.GetPlottables().OfType<BarPlot>()).Bars;
        Assert.Equal(Report.Funnel.Select(v => (double)v), bars.Select(b => b.Value));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (double)i), bars.Select(b => b.Position));
        Assert.Equal("Helpful: 75%", Assert.Single(plot.GetPlottables().OfType<Annotation>()).Text);
    }

    [Fact]
    public void BuildChart_NoAnswers_NoHelpfulLabel()
    {
        var plot = ReportRenderer.BuildChart(Report with { HelpfulYes = 0, HelpfulNo = 0 }, "Funnel", "Reached step", "Helpful");

        Assert.Empty(plot.GetPlottables().OfType<Annotation>());
    }

    [Theory]
    [InlineData(1, new[] { 0, 1 })]
    [InlineData(5, new[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData(9, new[] { 0, 2, 4, 6, 8 })]
    [InlineData(40, new[] { 0, 5, 10, 15, 20, 25, 30, 35, 40 })]
    [InlineData(1000, new[] { 0, 200, 400, 600, 800, 1000 })]
    public void UserTicks_WholeNumbersOnly(int top, int[] expected)
    {
        var ticks = ReportRenderer.UserTicks(top).ToList();

        Assert.Equal(expected.Select(v => (double)v), ticks.Select(t => t.Position));
        Assert.Equal(expected.Select(v => v.ToString(CultureInfo.InvariantCulture)), ticks.Select(t => t.Label));
    }

    [Theory]
    [InlineData("👍 Помогло", "Помогло")]
    [InlineData("✓ Helpful", "Helpful")]
    [InlineData("☰ Меню", "Меню")]
    [InlineData("Дошли до шага:", "Дошли до шага:")]
    [InlineData("«помогло» 75%", "«помогло» 75%")]
    public void Drawable_DropsPictographsTheFontsDrawAsBoxes(string text, string drawn) =>
        Assert.Equal(drawn, ReportRenderer.Drawable(text));

    [Fact]
    public void StatsChart_IsAPngOfTheAnnouncedSize()
    {
        var chart = new ReportRenderer().StatsChart(Report, "Воронка", "Шаг", "Помогло");

        Assert.Equal(("stats.png", "image/png"), (chart.FileName, chart.ContentType));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], chart.Data.Take(4));
        // The IHDR chunk holds width and height, big-endian, at bytes 16..23.
        Assert.Equal(ReportRenderer.ChartWidth, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(chart.Data.AsSpan(16)));
        Assert.Equal(ReportRenderer.ChartHeight, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(chart.Data.AsSpan(20)));
    }

    [Fact]
    public void StatsChart_WithNoDataAtAll_StillRenders()
    {
        var empty = new StatsReport(7, 0, 0, 0, 0, 0, null, new int[9], []);

        Assert.NotEmpty(new ReportRenderer().StatsChart(empty, "t", "f", "h").Data);
    }

    [Fact]
    public void Csv_HardValues_RoundTripThroughAReader()
    {
        var at = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        FeedbackRow[] rows =
        [
            new("telegram:1", "aliexpress", false, "comma, \"quote\"\nnew line 🙁", "ru", at),
            new("discord:2", "aliexpress", true, null, "en", at),
        ];

        var csv = new ReportRenderer().Csv("feedback.csv", rows);

        Assert.Equal("text/csv", csv.ContentType);
        using var reader = new CsvReader(new StreamReader(new MemoryStream(csv.Data), Encoding.UTF8), CultureInfo.InvariantCulture);
        var read = reader.GetRecords<FeedbackRow>().ToList();
        // CSV has no null: a missing comment reads back as an empty field.
        Assert.Equal([rows[0], rows[1] with { Comment = "" }], read);
    }
}
