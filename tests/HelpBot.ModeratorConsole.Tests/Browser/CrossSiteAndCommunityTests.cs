using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Browser;

/// <summary>A signed-in browser cannot be made to post from another site; a moderator sees only their own community.</summary>
[Collection(SharedConsoleHost.Name)]
public sealed class CrossSiteAndCommunityTests(ConsoleHost host)
{
    [Fact]
    public async Task FormPostedFromAnotherOrigin_Refused_SessionStays()
    {
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        // A page of another site that posts the console's sign-out form as soon as it loads.
        await context.RouteAsync("http://evil.example/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"""<form id="f" method="post" action="{host.BaseUrl}console/logout"></form><script>document.getElementById('f').submit()</script>""",
        }));

        var attack = await context.NewPageAsync();
        var response = await attack.RunAndWaitForResponseAsync(() => attack.GotoAsync("http://evil.example/"), r => r.Request.Method == "POST");

        Assert.InRange(response.Status, 400, 403);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#community")).ToHaveTextAsync(ConsoleHost.TelegramCommunity);
    }

    [Fact]
    public async Task FormWithoutAntiforgeryToken_FromTheSameOrigin_Refused()
    {
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];

        var status = await page.EvaluateAsync<int>("fetch('/console/logout', { method: 'POST' }).then(r => r.status)");

        Assert.Equal(400, status);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#community")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DiscordLink_SignsInTheDiscordModerator_WhoSeesOnlyTheirCommunity()
    {
        // Questions in both communities: two asked in Telegram (alpha), one in Discord (beta).
        var marker = Guid.NewGuid().ToString("N")[..8];
        await host.DiscordReplyAsync("ask", ConsoleHost.DiscordUser, ("question", "Beta question " + marker));
        await using var alpha = await host.SignedInAsync();
        var alphaBefore = int.Parse(await alpha.Pages[0].Locator("#open-questions").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        var reply = await host.DiscordReplyAsync("console");
        await using var beta = await host.SignedInAsync(reply);
        var page = beta.Pages[0];

        await Assertions.Expect(page.Locator("#community")).ToHaveTextAsync(ConsoleHost.DiscordCommunity);
        await Assertions.Expect(page.Locator("#signed-in-as")).ToContainTextAsync("discord:" + ConsoleHost.DiscordModerator);
        var betaOpen = int.Parse(await page.Locator("#open-questions").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(betaOpen >= 1);
        Assert.DoesNotContain(ConsoleHost.TelegramCommunity, await page.ContentAsync(), StringComparison.Ordinal);

        // A Telegram question adds to alpha's count only.
        await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "/ask Alpha question " + marker);
        await alpha.Pages[0].ReloadAsync();
        await Assertions.Expect(alpha.Pages[0].Locator("#open-questions")).ToHaveTextAsync((alphaBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#open-questions")).ToHaveTextAsync(betaOpen.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ConsoleCommand_InTheModeratorsTelegramGroup_GivesNoLink()
    {
        var text = await host.TelegramReplyAsync(ConsoleHost.TelegramModerator, "/console", ConsoleHost.TelegramModeratorsGroup);

        Assert.Contains("private chat", text, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", text, StringComparison.Ordinal);
    }
}
