using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Pages;

/// <summary>The review queue in a browser: keyboard filing through the desk into the examples file, and the reader retraining.</summary>
[Collection(SharedConsoleHost.Name)]
public sealed class ReviewPageTests(ConsoleHost host)
{
    private string ExamplesFile => Path.Combine(host.ContentRoot, "en", "aliexpress.examples.tsv");

    [Fact]
    public async Task GuessPickedWithArrowsAndDigit_LandsInExamples_AndTheSameTextIsThenAnswered()
    {
        // The reader guesses "What happens to messages and posts" for it, unsure (no answer).
        const string Text = "my wife uses the account too";
        await host.UnansweredAsync(Text, "will the seller still ship my parcel");
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        await page.GotoAsync("/console/review");
        await Assertions.Expect(page.Locator("#review-keys")).ToContainTextAsync("1–3");

        var row = await DeskPages.SelectWithArrowsAsync(page, Text);
        var key = await row.GetAttributeAsync("data-key");
        await Assertions.Expect(row.Locator("button[data-pick='1']")).ToHaveAttributeAsync("title", "consequence_messages-erased");
        var next = await page.Locator("tr.review-item").EvaluateAllAsync<string?>(
            "(rows, key) => { const i = rows.findIndex(r => r.dataset.key === key); const n = rows[i + 1] || rows[i - 1]; return n ? n.dataset.key : null; }", key);
        await page.Keyboard.PressAsync("1");

        var outcome = page.Locator($"#review-{key}");
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-outcome", "Filed");
        await Assertions.Expect(outcome).ToContainTextAsync("the bot is learning it now");
        if (next is not null)
            await Assertions.Expect(page.Locator(DeskPages.SelectedRow)).ToHaveAttributeAsync("data-key", next);
        Assert.Contains(File.ReadAllLines(ExamplesFile), l => l == "en\tconsequence:messages-erased\tmoderator\t" + Text);

        // The reader retrains in the background: the same text gets the section's answer once it has.
        var deadline = DateTime.UtcNow + DeskPages.ReaderTime;
        string reply;
        do
            reply = await host.TelegramReplyAsync(ConsoleHost.TelegramUser, Text, timeout: DeskPages.ReaderTime);
        while (!reply.Contains("erased permanently", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());
        Assert.Contains("erased permanently", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAndSKeys_FileOffTopic_AndSkip()
    {
        const string OffTopic = "delete account but dispute open";
        const string Skipped = "what about my coins after deleting";
        await host.UnansweredAsync(OffTopic, Skipped);
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        await page.GotoAsync("/console/review");

        var offTopicKey = await (await DeskPages.SelectWithArrowsAsync(page, OffTopic)).GetAttributeAsync("data-key");
        await page.Keyboard.PressAsync("o");
        await Assertions.Expect(page.Locator($"#review-{offTopicKey}")).ToContainTextAsync("Filed as off-topic");

        var skippedKey = await (await DeskPages.SelectWithArrowsAsync(page, Skipped)).GetAttributeAsync("data-key");
        await page.Keyboard.PressAsync("s");
        await Assertions.Expect(page.Locator($"#review-{skippedKey}")).ToContainTextAsync("Skipped");

        var lines = File.ReadAllLines(ExamplesFile);
        Assert.Contains("en\tnone\tmoderator\t" + OffTopic, lines);
        Assert.DoesNotContain(lines, l => l.EndsWith("\t" + Skipped, StringComparison.Ordinal));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"#review-{offTopicKey}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator($"#review-{skippedKey}")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PhoneWidth_QueueAndQuestionsFitTheScreen()
    {
        await host.UnansweredAsync("is there a way to keep my reviews when the account goes away permanently and forever");
        await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "/ask a rather long question about deleting an account that has a very long unbroken word: abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz");
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        Assert.Equal(375, await page.EvaluateAsync<int>("innerWidth"));

        await page.GotoAsync("/console/review");
        await Assertions.Expect(page.Locator("tr.review-item").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr.review-item").First.Locator("button[data-pick='s']")).ToBeInViewportAsync();
        await DeskPages.AssertNoSidewaysScrollAsync(page);

        await page.GotoAsync("/console/questions");
        await Assertions.Expect(page.Locator("li.question textarea").First).ToBeVisibleAsync();
        await DeskPages.AssertNoSidewaysScrollAsync(page);
    }

    [Fact]
    public async Task Overview_CountsTheQueue()
    {
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        var before = int.Parse(await page.Locator("#review-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await host.UnansweredAsync("will my saved coupons survive " + Guid.NewGuid().ToString("N")[..6]);
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("#review-count")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        return true;
    }
}
