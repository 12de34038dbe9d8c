using System.Text.RegularExpressions;
using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Pages;

/// <summary>A moderator sees and changes only their community's queue and questions; forged ids get a clean refusal.</summary>
[Collection(SharedConsoleHost.Name)]
public sealed partial class DeskCommunityTests(ConsoleHost host)
{
    [Fact]
    public async Task OtherCommunitysItems_NeverShown_AndForgedIdsRefusedCleanly()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        const string AlphaText = "can my sister log into my account";
        await host.UnansweredAsync(AlphaText);
        var questionId = QuestionId().Match(await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "/ask Alpha only " + marker)).Value;
        await using var alpha = await host.SignedInAsync();
        var alphaPage = alpha.Pages[0];
        await alphaPage.GotoAsync("/console/review");
        var alphaKey = await alphaPage.Locator("tr.review-item", new PageLocatorOptions { HasText = AlphaText }).First.GetAttributeAsync("data-key");
        Assert.NotNull(alphaKey);

        await using var beta = await host.SignedInAsync(await host.DiscordReplyAsync("console"));
        var page = beta.Pages[0];
        await page.GotoAsync("/console/review");
        Assert.DoesNotContain(AlphaText, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/console/questions");
        Assert.DoesNotContain(marker, await page.ContentAsync(), StringComparison.Ordinal);

        // Alpha's key and question posted by beta's moderator, and forged ones: refusals with a reason, nothing changed.
        var (status, body) = await DeskPages.PostFormAsync(page, "/console/review/file", ("key", alphaKey!), ("label", "skip"));
        Assert.Equal(404, status);
        Assert.Contains("Unknown item", body, StringComparison.Ordinal);
        (status, body) = await DeskPages.PostFormAsync(page, "/console/review/file", ("key", "../../etc/passwd"), ("label", "none"));
        Assert.Equal(404, status);
        (status, body) = await DeskPages.PostFormAsync(page, "/console/review/file", ("key", alphaKey!));
        Assert.Equal(400, status);
        (status, body) = await DeskPages.PostFormAsync(page, "/console/questions/answer", ("question", questionId), ("answer", "not yours"));
        Assert.Equal(404, status);
        Assert.Contains("Unknown question", body, StringComparison.Ordinal);
        (status, _) = await DeskPages.PostFormAsync(page, "/console/questions/answer", ("question", "<script>'\"" + new string('Q', 300)), ("answer", "x"));
        Assert.Equal(404, status);
        Assert.Equal(400, (await page.GotoAsync("/console/review/rows?skip=-3"))!.Status);

        await alphaPage.ReloadAsync();
        await Assertions.Expect(alphaPage.Locator($"#review-{alphaKey}")).ToHaveCountAsync(1);
        await alphaPage.GotoAsync("/console/questions");
        await Assertions.Expect(alphaPage.Locator("#question-" + questionId)).ToContainTextAsync(marker);
        // "More" from the top lists the community's items again; a bad skip is refused on both desks.
        Assert.Contains(AlphaText, await (await alphaPage.APIRequest.GetAsync("/console/review/rows?skip=0")).TextAsync(), StringComparison.Ordinal);
        Assert.Contains(marker, await (await alphaPage.APIRequest.GetAsync("/console/questions/more?skip=0")).TextAsync(), StringComparison.Ordinal);
        Assert.Equal(400, (await page.GotoAsync("/console/questions/more?skip=x"))!.Status);
    }

    [GeneratedRegex("Q[A-Z2-9]{5}")]
    private static partial Regex QuestionId();
}
