using System.Globalization;
using System.Net;
using System.Text.Json;
using HelpBot.Channels.Telegram.Updates;
using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.Pages.Stats;
using HelpBot.ModeratorConsole.SignIn;
using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Pages;

/// <summary>
/// /console/stats's CSV downloads inside Telegram, where a download carries neither the initData header nor a cookie: a
/// Mini App's page links them with a short-lived ticket, which the export takes for its own file only and no other page
/// takes at all; Telegram's downloadFile is used when the client has it. A cookie session's links have no ticket.
/// </summary>
[Collection(SharedConsoleHost.Name)]
public sealed class StatsPageMiniAppDownloadTests(ConsoleHost host) : IDisposable
{
    private const string Export = ConsoleRoutes.Stats + "/export/";

    // No cookies and no default headers: what a followed link or Telegram's client sends.
    private readonly HttpClient _bare = new(new HttpClientHandler { UseCookies = false });

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly SignedInModerator TelegramModerator = new(Moderators.ChannelName,
        ConsoleHost.TelegramModerator.ToString(CultureInfo.InvariantCulture), ConsoleHost.TelegramCommunity, "en", SignInMethod.TelegramMiniApp);

    /// <summary>The stats page as the Telegram moderator's Mini App shows it (the sign-in gate loads it again with the initData header).</summary>
    private async Task<IPage> MiniAppStatsAsync()
    {
        var context = await host.NewContextAsync(MiniAppInitData.For(ConsoleHost.TelegramModerator, host.Telegram.Token, DateTimeOffset.UtcNow));
        var page = await context.NewPageAsync();
        await page.GotoAsync(ConsoleRoutes.Stats);
        await Assertions.Expect(page.Locator("ul.exports a")).ToHaveCountAsync(3);
        return page;
    }

    private static Task<string[]> ExportHrefsAsync(IPage page) =>
        page.Locator("ul.exports a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");

    [Fact]
    public async Task MiniAppPage_ExportLinksCarryATicket_ThatDownloadsTheCsv_WithNoHeaderOrCookie()
    {
        var page = await MiniAppStatsAsync();
        await using var context = page.Context;

        var hrefs = await ExportHrefsAsync(page);
        using var response = await _bare.GetAsync(new Uri(host.BaseUrl, hrefs.Single(h => h.StartsWith(Export + "questions.csv?", StringComparison.Ordinal))), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.All(hrefs, href => Assert.Matches(@"^/console/stats/export/\w+\.csv\?ticket=[\w%-]+$", href));
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("questions.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("Id,User,Name,Language,Step,Question,AskedAt", body, StringComparison.Ordinal);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ConsoleAuthentication.SessionCookie);
    }

    [Fact]
    public async Task MiniAppWithoutDownloadFile_FollowsTheLink_AndTheBrowserDownloadsTheCsv()
    {
        var page = await MiniAppStatsAsync();
        await using var context = page.Context;

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[download='feedback.csv']").ClickAsync());

        Assert.Equal("feedback.csv", download.SuggestedFilename);
        Assert.NotEmpty(await File.ReadAllLinesAsync(await download.PathAsync(), Cancel));
    }

    /// <summary>How each client takes a download: telegram-web-app.js's downloadFile, or the phone and desktop apps' event bridge.</summary>
    public static TheoryData<string, string> TelegramDownloadBridges => new()
    {
        { "downloadFile", "window.Telegram.WebApp.downloadFile = p => { window.downloads.push(p); };" },
        { "web_app_request_file_download", "window.TelegramWebviewProxy = { postEvent: (type, data) => { if (type === 'web_app_request_file_download') window.downloads.push(JSON.parse(data)); } };" },
    };

    [Theory]
    [MemberData(nameof(TelegramDownloadBridges))]
    public async Task InsideTelegram_ADownloadGoesToTheClient_WithTheAbsoluteLinkAndTheFileName(string bridge, string stub)
    {
        var page = await MiniAppStatsAsync();
        await using var context = page.Context;
        await page.EvaluateAsync("() => { window.downloads = []; " + stub + " }");

        await page.Locator("a[download='unmatched.csv']").ClickAsync();

        using var asked = JsonDocument.Parse(await page.EvaluateAsync<string>("JSON.stringify(window.downloads)"));
        var call = Assert.Single(asked.RootElement.EnumerateArray());
        Assert.True("unmatched.csv" == call.GetProperty("file_name").GetString(), bridge);
        Assert.StartsWith(new Uri(host.BaseUrl, Export + "unmatched.csv?ticket=").AbsoluteUri, call.GetProperty("url").GetString(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#stats-data")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task CookieSessionPage_ExportLinksHaveNoTicket()
    {
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        await page.GotoAsync(ConsoleRoutes.Stats);

        Assert.Equal(StatsEndpoints.ExportFiles.Select(file => Export + file), await ExportHrefsAsync(page));
    }

    public static TheoryData<string, string, string> RefusedTickets => new()
    {
        // kind, the path the ticket is used on, what the 401 says
        { "forged", Export + "questions.csv", "Download link refused: the link was not made by this console" },
        { "expired", Export + "questions.csv", "Download link refused: the link was not made by this console" },
        { "for another file", Export + "questions.csv", "Download link refused: the link is for another download" },
        // Only the export takes tickets: elsewhere one is an ignored parameter, and a request without a sign-in gets the gate.
        { "for the stats page", ConsoleRoutes.Stats, "data-sign-in-gate" },
        { "on the review page", ConsoleRoutes.Review, "data-sign-in-gate" },
    };

    [Theory]
    [MemberData(nameof(RefusedTickets))]
    public async Task Ticket_Refused_401(string kind, string usedOn, string says)
    {
        var tickets = host.Services.GetRequiredService<DownloadTickets>();
        var inFiveMinutes = DateTimeOffset.UtcNow + DownloadTickets.Lifetime;
        var ticket = kind switch
        {
            "forged" => Forged(tickets.Issue(TelegramModerator, usedOn, inFiveMinutes)),
            "expired" => tickets.Issue(TelegramModerator, usedOn, DateTimeOffset.UtcNow.AddSeconds(-1)),
            "for another file" => tickets.Issue(TelegramModerator, Export + "feedback.csv", inFiveMinutes),
            "for the stats page" => tickets.Issue(TelegramModerator, ConsoleRoutes.Stats, inFiveMinutes),
            "on the review page" => tickets.Issue(TelegramModerator, Export + "questions.csv", inFiveMinutes),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        using var response = await _bare.GetAsync(new Uri(host.BaseUrl, usedOn + "?ticket=" + Uri.EscapeDataString(ticket)), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {body}");
        Assert.Contains(says, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Id,User", body, StringComparison.Ordinal);
    }

    /// <summary>The ticket with one character of its middle changed: still well-formed, no longer what the console signed.</summary>
    private static string Forged(string ticket)
    {
        var middle = ticket.Length / 2;
        return ticket[..middle] + (ticket[middle] == 'A' ? 'B' : 'A') + ticket[(middle + 1)..];
    }

    public void Dispose() => _bare.Dispose();
}
