using System.Globalization;
using System.Net;
using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Browser;

/// <summary>The console as a Telegram Mini App: signed initData in a header on every request, no cookie.</summary>
[Collection(SharedConsoleHost.Name)]
public sealed class MiniAppSignInTests(ConsoleHost host)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidInitData_SignsInTheTelegramModerator_InTheirCommunity_WithTelegramsTheme()
    {
        await using var context = await host.NewContextAsync(MiniAppInitData.For(ConsoleHost.TelegramModerator, host.Telegram.Token, DateTimeOffset.UtcNow));
        var page = await context.NewPageAsync();

        await page.GotoAsync("/console");

        await Assertions.Expect(page.Locator("#community")).ToHaveTextAsync(ConsoleHost.TelegramCommunity);
        Assert.Equal("#101820", await page.EvaluateAsync<string>("getComputedStyle(document.documentElement).getPropertyValue('--tg-theme-bg-color').trim()"));
        Assert.Equal("rgb(16, 24, 32)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        // Navigation goes on with the header (hx-boost), without any cookie session.
        await page.ClickAsync("nav a[href='/console']");
        await Assertions.Expect(page.Locator("#community")).ToHaveTextAsync(ConsoleHost.TelegramCommunity);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == HelpBot.ModeratorConsole.SignIn.ConsoleAuthentication.SessionCookie);
    }

    [Fact]
    public async Task InitDataInTheAddressFragment_AsTelegramsAppsOpenTheMiniApp_SignsIn_AndLastsAcrossPages()
    {
        // No telegram-web-app.js: the client puts initData and theme in the fragment, which never reaches the server.
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        var initData = MiniAppInitData.For(ConsoleHost.TelegramModerator, host.Telegram.Token, DateTimeOffset.UtcNow);

        await page.GotoAsync(ConsoleRoutes.Root + "#tgWebAppData=" + Uri.EscapeDataString(initData) + "&tgWebAppVersion=8.0&tgWebAppThemeParams="
            + Uri.EscapeDataString("""{"bg_color":"#202830","text_color":"#fafafa"}"""));

        await Assertions.Expect(page.Locator("#community")).ToHaveTextAsync(ConsoleHost.TelegramCommunity);
        Assert.Equal("rgb(32, 40, 48)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        // A new page load (no fragment now): the initData kept for the tab signs it in again.
        await page.GotoAsync(ConsoleRoutes.Stats);
        await Assertions.Expect(page.Locator("ul.exports a")).ToHaveCountAsync(3);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == HelpBot.ModeratorConsole.SignIn.ConsoleAuthentication.SessionCookie);
    }

    [Fact]
    public async Task ForgedInitData_ShowsTheRefusal()
    {
        await using var context = await host.NewContextAsync(MiniAppInitData.For(ConsoleHost.TelegramModerator, "999999:forged-token-of-another-bot-xxxxx", DateTimeOffset.UtcNow));
        var page = await context.NewPageAsync();

        await page.GotoAsync("/console");

        await Assertions.Expect(page.Locator("#sign-in-status")).ToContainTextAsync("hash does not match");
        await Assertions.Expect(page.Locator("#community")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("stale")]
    [InlineData("garbage")]
    [InlineData("not a moderator")]
    public async Task BadInitData_401(string kind)
    {
        var token = host.Telegram.Token;
        var initData = kind switch
        {
            "forged" => MiniAppInitData.For(ConsoleHost.TelegramModerator, token, DateTimeOffset.UtcNow).Replace("Mod", "Eve", StringComparison.Ordinal),
            "stale" => MiniAppInitData.For(ConsoleHost.TelegramModerator, token, DateTimeOffset.UtcNow.AddHours(-1).AddMinutes(-1)),
            "garbage" => "%%%&&&==hash",
            _ => MiniAppInitData.For(ConsoleHost.TelegramUser, token, DateTimeOffset.UtcNow),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseUrl, ConsoleRoutes.Root));
        request.Headers.Add(ConsoleRoutes.InitDataHeader, initData);

        using var response = await host.Http.SendAsync(request, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, body);
        Assert.Contains("Telegram sign-in refused", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidInitData_PostFromAnotherOrigin_403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUrl, ConsoleRoutes.Logout));
        request.Headers.Add(ConsoleRoutes.InitDataHeader, MiniAppInitData.For(ConsoleHost.TelegramModerator, host.Telegram.Token, DateTimeOffset.UtcNow));
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await host.Http.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task MenuButton_SetForEachConfiguredModerator_OpensTheConsole()
    {
        var call = await host.Telegram.WaitForAsync(r => r.Method == "setChatMenuButton", TimeSpan.FromSeconds(30), Cancel);

        Assert.Equal(ConsoleHost.TelegramModerator.ToString(CultureInfo.InvariantCulture), call.Parameters["chat_id"]!.ToString());
        var button = call.Parameters["menu_button"]!;
        Assert.Equal("web_app", button["type"]!.GetValue<string>());
        Assert.Equal(new Uri(host.BaseUrl, "/console").AbsoluteUri, button["web_app"]!["url"]!.GetValue<string>());
        Assert.Empty(host.Telegram.Violations);
    }
}
