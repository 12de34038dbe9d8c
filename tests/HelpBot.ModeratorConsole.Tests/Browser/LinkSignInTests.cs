using System.Security.Cryptography;
using System.Text;
using HelpBot.Engine.Moderation;
using HelpBot.ModeratorConsole.SignIn;
using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Browser;

/// <summary>Sign-in with the one-time link <c>/console</c> sends, in a browser: once, never again, never after it expires.</summary>
[Collection(SharedConsoleHost.Name)]
public sealed class LinkSignInTests(ConsoleHost host)
{
    [Fact]
    public async Task TelegramLink_SignsInOnce_SecondUseRefused()
    {
        var link = ConsoleHost.LinkIn(await host.TelegramLinkAsync());

        await using var first = await host.NewContextAsync();
        var page = await first.NewPageAsync();
        await page.GotoAsync(link);
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#community")).ToHaveTextAsync(ConsoleHost.TelegramCommunity);
        await Assertions.Expect(page.Locator("#signed-in-as")).ToContainTextAsync("telegram:" + ConsoleHost.TelegramModerator);

        await using var second = await host.NewContextAsync();
        var again = await second.NewPageAsync();
        await again.GotoAsync(link);
        var response = await again.RunAndWaitForResponseAsync(() => again.ClickAsync("#sign-in"), r => r.Request.Method == "POST");
        Assert.Equal(401, response.Status);
        await Assertions.Expect(again.Locator("#refusal")).ToContainTextAsync("already used or has expired");
        Assert.DoesNotContain(await second.CookiesAsync(), c => c.Name == ConsoleAuthentication.SessionCookie);
    }

    [Fact]
    public async Task ExpiredLink_Refused()
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await host.Services.GetRequiredService<ILinkTokenStore>().AddAsync(SHA256.HashData(Encoding.ASCII.GetBytes(token)),
            new ConsoleModerator("telegram", ConsoleHost.TelegramModerator.ToString(System.Globalization.CultureInfo.InvariantCulture), ConsoleHost.TelegramCommunity),
            DateTimeOffset.UtcNow.AddSeconds(-1), TestContext.Current.CancellationToken);

        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/login?token=" + token);
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#sign-in"), r => r.Request.Method == "POST");

        Assert.Equal(401, response.Status);
        await Assertions.Expect(page.Locator("#refusal")).ToContainTextAsync("expired");
    }

    [Fact]
    public async Task MalformedLink_400WithReason()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/console/login?token=%00%ZZ" + new string('x', 5000));

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.Locator("#refusal")).ToContainTextAsync("incomplete");
    }

    [Fact]
    public async Task Session_CookieIsHttpOnlySecureSameSiteStrict_AndSurvivesReload()
    {
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];

        var cookies = await context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == ConsoleAuthentication.SessionCookie);
        Assert.True(session.HttpOnly);
        Assert.True(session.Secure);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/console", session.Path);
        Assert.True(session.Expires > DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "a sliding session cookie has an expiry");
        Assert.DoesNotContain(ConsoleAuthentication.SessionCookie, await page.EvaluateAsync<string>("document.cookie"), StringComparison.Ordinal);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#community")).ToHaveTextAsync(ConsoleHost.TelegramCommunity);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];

        await page.ClickAsync(".sign-out button");

        await Assertions.Expect(page.Locator("[data-sign-in-gate]")).ToBeVisibleAsync();
        var response = await page.GotoAsync("/console");
        Assert.Equal(401, response!.Status);
    }

    [Fact]
    public async Task NoSession_401WithHowToSignIn()
    {
        await using var context = await host.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/console");

        Assert.Equal(401, response!.Status);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("/console");
    }
}
