using System.Text.Json;
using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Pages;

/// <summary>
/// /console/stats in a browser: charts drawn from the page's JSON, which counts what users did today; the CSV exports
/// download; a bad span is a clear 400; another community's texts never appear; nothing overflows a phone's width.
/// The host is shared, so counts are compared before and after.
/// </summary>
[Collection(SharedConsoleHost.Name)]
public sealed class StatsPageTests(ConsoleHost host)
{
    private static async Task<JsonElement> TodayAsync(IPage page)
    {
        await page.GotoAsync("/console/stats?days=7");
        using var json = JsonDocument.Parse(await page.Locator("#stats-data").TextContentAsync() ?? "");
        var root = json.RootElement;
        var last = root.GetProperty("days").GetArrayLength() - 1;
        return JsonSerializer.SerializeToElement(new
        {
            questions = root.GetProperty("questions")[last].GetInt32(),
            unanswered = root.GetProperty("unanswered")[last].GetInt32(),
        });
    }

    [Fact]
    public async Task Charts_AreDrawn_FromDataCountingTodaysQuestionsAndUnansweredMessages()
    {
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        var before = await TodayAsync(page);

        var marker = Guid.NewGuid().ToString("N")[..8];
        await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "/ask Stats question one " + marker);
        await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "/ask Stats question two " + marker);
        await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "zqxj vlorp " + marker);
        var after = await TodayAsync(page);

        Assert.Equal(before.GetProperty("questions").GetInt32() + 2, after.GetProperty("questions").GetInt32());
        Assert.True(after.GetProperty("unanswered").GetInt32() > before.GetProperty("unanswered").GetInt32(), "the unanswered message is not counted");
        await Assertions.Expect(page.Locator("canvas")).ToHaveCountAsync(3);
        await page.WaitForFunctionAsync("['chart-daily', 'chart-helpful', 'chart-funnel'].every(id => window.Chart && Chart.getChart(document.getElementById(id)))");
        await Assertions.Expect(page.Locator("#top-unanswered")).ToContainTextAsync(marker);
        var label = page.Locator("#top-unanswered tr", new PageLocatorOptions { HasText = marker }).Locator("a");
        StringAssert(await label.GetAttributeAsync("href"), "/console/review?key=");
    }

    private static void StringAssert(string? actual, string start) => Assert.StartsWith(start, actual ?? "", StringComparison.Ordinal);

    [Fact]
    public async Task CsvExport_DownloadsAsAFile_WithItsHeaderRow()
    {
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        await page.GotoAsync("/console/stats");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[download='questions.csv']").ClickAsync());

        Assert.Equal("questions.csv", download.SuggestedFilename);
        var header = (await File.ReadAllLinesAsync(await download.PathAsync(), TestContext.Current.CancellationToken))[0];
        // QuestionRow's columns, as /export writes them.
        Assert.Contains("Id,User,Name,Language,Step,Question,AskedAt", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2025-02-01&to=2025-01-01", "before")]
    [InlineData("from=2020-01-01&to=2022-01-01", "366")]
    [InlineData("from=yesterday", "yyyy-MM-dd")]
    [InlineData("to=2025-13-45", "yyyy-MM-dd")]
    [InlineData("days=lots", "whole number")]
    public async Task SpanOutsideTheLimits_GetsAClearMessage_NotAnError(string query, string message)
    {
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];

        var response = await page.GotoAsync("/console/stats?" + query);

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.Locator("#span-problem")).ToContainTextAsync(message);
        await Assertions.Expect(page.Locator("form.span")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnotherCommunitysTexts_NeverAppear()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "blorf quux " + marker);
        await using var alpha = await host.SignedInAsync();
        await alpha.Pages[0].GotoAsync("/console/stats");
        await using var beta = await host.SignedInAsync(await host.DiscordReplyAsync("console"));
        await beta.Pages[0].GotoAsync("/console/stats");

        await Assertions.Expect(alpha.Pages[0].Locator("#top-unanswered")).ToContainTextAsync(marker);
        Assert.DoesNotContain(marker, await beta.Pages[0].ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AtPhoneWidth_ThePageDoesNotOverflowSideways()
    {
        await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "an unanswered message with a long word " + new string('w', 120));
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        await page.GotoAsync("/console/stats?days=90");
        await page.WaitForFunctionAsync("window.Chart && Chart.getChart(document.getElementById('chart-daily'))");

        Assert.True(await page.EvaluateAsync<bool>("document.body.scrollWidth <= window.innerWidth"), "the body is wider than 375 px");
    }
}
