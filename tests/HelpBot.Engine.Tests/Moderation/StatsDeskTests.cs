using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Tests.Dialog;
using Microsoft.Extensions.Time.Testing;

namespace HelpBot.Engine.Tests.Moderation;

/// <summary>
/// The console's figures against <c>/stats</c> and <c>/export</c>: a series a day over the span, the same report and the
/// same files; unanswered texts grouped as the review queue groups them; another community's data never counts.
/// </summary>
public sealed class StatsDeskTests
{
    private static readonly Moderator Mod = new("web", "m1", Turn.DefaultCommunity, "mod");
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly InMemoryConversationStore _store = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly DialogEngine _engine;
    private readonly StatsDesk _desk;

    public StatsDeskTests()
    {
        var dependencies = new DialogDependencies(new FixedContentProvider(Engine.Tests.TestContent.Load()), _store) { Time = _time, Reports = new TextReports() };
        _engine = new DialogEngine(dependencies);
        _desk = new ModeratorDesk(dependencies).Stats;
    }

    private async Task SeedAsync(string community = Turn.DefaultCommunity)
    {
        var n = 0;
        async Task Commit(Action<TurnChanges> fill)
        {
            var changes = new TurnChanges();
            fill(changes);
            await _store.CommitAsync(changes, Ct);
        }
        DialogEvent Event(DialogEventKind kind, DateTimeOffset at, string? text = null, int step = 0) =>
            new() { Id = Guid.NewGuid(), UserKey = "telegram:" + n++, Kind = kind, Community = community, At = at, Text = text, Step = step, Language = "ru", Guide = "aliexpress" };
        await Commit(c => c.Events.AddRange(
        [
            Event(DialogEventKind.Unmatched, Now.AddDays(-1), "Где мой ЗАКАЗ"),
            Event(DialogEventKind.Unmatched, Now.AddDays(-1), "где мой заказ"),
            Event(DialogEventKind.Unmatched, Now, "где   мой  заказ"),
            Event(DialogEventKind.Unmatched, Now, "как вернуть деньги"),
            Event(DialogEventKind.Unmatched, Now.AddDays(-40), "старый вопрос"),
            Event(DialogEventKind.StepReached, Now, step: 1),
            Event(DialogEventKind.StepReached, Now, step: 2),
        ]));
        await Commit(c => c.Feedback = new Feedback { Id = community + ":a|aliexpress", UserKey = community + ":a", Guide = "aliexpress", Helpful = true, Community = community, Language = "ru", At = Now.AddDays(-1) });
        await Commit(c => c.Feedback = new Feedback { Id = community + ":b|aliexpress", UserKey = community + ":b", Guide = "aliexpress", Helpful = false, Community = community, Language = "ru", At = Now });
        await Commit(c => c.Question = new Question { Id = "Q" + community.Length, UserKey = "c", Text = "вопрос", Community = community, Language = "ru", AskedAt = Now, Status = QuestionStatus.Open });
    }

    [Fact]
    public async Task TheSpan_HasADayEach_TheStatsReport_AndTheTopUnansweredTexts_AsTheReviewQueueGroupsThem()
    {
        await SeedAsync();
        await SeedAsync("other");

        var result = await _desk.GetAsync(Mod, null, null, 10, Ct);

        Assert.Equal(StatsOutcome.Ready, result.Outcome);
        var stats = result.Stats!;
        Assert.Equal((new DateOnly(2026, 2, 9), new DateOnly(2026, 3, 10)), (stats.From, stats.To));
        Assert.Equal(30, stats.Days.Count);
        Assert.Equal(new DailyStats(new DateOnly(2026, 3, 10), 1, 2, 0, 1), stats.Days[^1]);
        Assert.Equal(new DailyStats(new DateOnly(2026, 3, 9), 0, 2, 1, 0), stats.Days[^2]);
        Assert.Equal(0.5, stats.Report.HelpfulRate);
        Assert.Equal(1, stats.Report.Funnel[0]);
        var top = stats.TopUnanswered[0];
        Assert.Equal((3, "где   мой  заказ"), (top.Count, top.Text));
        Assert.Equal(ReviewDesk.KeyOf("ru", "где мой заказ"), top.Key);
        Assert.Equal(2, stats.TopUnanswered.Count);
    }

    [Fact]
    public async Task TheReport_IsWhatStatsPrints()
    {
        await SeedAsync();
        var stats = (await _desk.GetAsync(Mod, DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-29), null, 5, Ct)).Stats!;

        var printed = (await _engine.HandleAsync(Turn.FromText("web", "m1", "m1", "en", "/stats 30") with { IsModerator = true }, Ct)).Messages[0].Text;

        Assert.Contains("helpful", printed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(StatsReport.Percent(stats.Report.HelpfulRate!.Value), printed, StringComparison.Ordinal);
        Assert.Contains($" 1/{stats.Report.Funnel.Count}: {stats.Report.Funnel[0]};", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASpan_IsChecked_AndCappedToItsLastDays()
    {
        await SeedAsync();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);

        Assert.Equal(StatsOutcome.InvalidSpan, (await _desk.GetAsync(Mod, today, today.AddDays(-1), 5, Ct)).Outcome);
        var long_ = (await _desk.GetAsync(Mod, DateOnly.MinValue, DateOnly.MaxValue, 5, Ct)).Stats!;
        Assert.Equal(StatsDesk.MaxDays, long_.Days.Count);
        var yesterday = (await _desk.GetAsync(Mod, today.AddDays(-1), today.AddDays(-1), -3, Ct)).Stats!;
        Assert.Equal(new DailyStats(today.AddDays(-1), 0, 2, 1, 0), Assert.Single(yesterday.Days));
        Assert.Empty(yesterday.TopUnanswered);
        Assert.Equal(1, (await _desk.GetAsync(Mod, today.AddDays(-45), today.AddDays(-35), 5, Ct)).Stats!.TopUnanswered.Single().Count);
    }

    [Fact]
    public async Task PastDays_AreDigestedOnce_WhileToday_TheTexts_AndForgottenUsers_AreReadEachTime()
    {
        await SeedAsync();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        DialogEvent Step(string user, DateTimeOffset at, int step) =>
            new() { Id = Guid.NewGuid(), UserKey = user, Kind = DialogEventKind.StepReached, Community = Turn.DefaultCommunity, At = at, Step = step, Language = "ru", Guide = "aliexpress" };
        async Task<StatsSpan> Figures() => (await _desk.GetAsync(Mod, today.AddDays(-29), today.AddDays(1), 10, Ct)).Stats!;
        async Task<StatsReport> Recomputed()
        {
            var since = new DateTimeOffset(today.AddDays(-29).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var events = await _store.ListEventsAsync(Turn.DefaultCommunity, since, Ct);
            return StatsReport.Compute(31, 9, events, await _store.ListFeedbackAsync(Turn.DefaultCommunity, since, Ct), await _store.ListQuestionsAsync(Turn.DefaultCommunity, since, Ct));
        }
        var before = (await Figures()).Report;

        // A step reached today, and one just before midnight written as the day ends: both count.
        await _store.CommitAsync(new TurnChanges { Events = { Step("late", Now, 1) } }, Ct);
        _time.SetUtcNow(new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + StatsDesk.ClosedAfter / 2);
        await _store.CommitAsync(new TurnChanges { Events = { Step("later", _time.GetUtcNow().AddMinutes(-StatsDesk.ClosedAfter.TotalMinutes), 2) } }, Ct);
        var atMidnight = await Figures();
        Assert.Equal((before.Users + 2, before.Funnel[0] + 1, before.Funnel[1] + 1), (atMidnight.Report.Users, atMidnight.Report.Funnel[0], atMidnight.Report.Funnel[1]));

        // Once yesterday is closed and digested, the figures stay what the events say, over again.
        _time.Advance(StatsDesk.ClosedAfter);
        var recomputed = await Recomputed();
        foreach (var load in new[] { await Figures(), await Figures() })
        {
            Assert.Equal(recomputed.Users, load.Report.Users);
            Assert.Equal(recomputed.Funnel, load.Report.Funnel);
        }

        // Texts are read each time: a forgotten user's unanswered text leaves the page with them.
        var asker = (await _store.ListEventsAsync(Turn.DefaultCommunity, [DialogEventKind.Unmatched], DateTimeOffset.MinValue, Ct)).First(e => e.Text == "как вернуть деньги").UserKey;
        await _store.ForgetUserAsync(asker, Ct);
        Assert.DoesNotContain((await Figures()).TopUnanswered, t => t.Text == "как вернуть деньги");
    }

    [Fact]
    public async Task TheExports_AreExport_sFiles()
    {
        await SeedAsync();
        await SeedAsync("other");

        var files = (await _desk.ExportAsync(Mod, Ct)).Files;
        var sent = (await _engine.HandleAsync(Turn.FromText("web", "m1", "m1", "en", "/export") with { IsModerator = true }, Ct)).Messages[0].Attachments;

        Assert.Equal(["feedback.csv", "questions.csv", "unmatched.csv"], files.Select(f => f.FileName));
        Assert.Equal(sent.Select(f => (f.FileName, Encoding.UTF8.GetString(f.Data))), files.Select(f => (f.FileName, Encoding.UTF8.GetString(f.Data))));
        Assert.Equal(5, Encoding.UTF8.GetString(files[2].Data).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task WithoutARenderer_ExportsAreUnavailable()
    {
        var desk = new ModeratorDesk(new DialogDependencies(new FixedContentProvider(Engine.Tests.TestContent.Load()), _store)).Stats;

        Assert.Equal(StatsOutcome.Unavailable, (await desk.ExportAsync(Mod, Ct)).Outcome);
        Assert.Equal(StatsOutcome.Ready, (await desk.GetAsync(Mod, null, null, 5, Ct)).Outcome);
    }

    /// <summary>One CSV line a row (the row's record text), enough to compare files.</summary>
    private sealed class TextReports : IReportRenderer
    {
        public Attachment StatsChart(StatsReport report, string title, string funnelLabel, string helpfulLabel) => new("chart.png", "image/png", []);

        public Attachment Csv<T>(string fileName, IEnumerable<T> rows) =>
            new(fileName, "text/csv", Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => r + "\n"))));
    }
}
