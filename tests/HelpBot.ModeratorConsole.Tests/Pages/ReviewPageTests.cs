using HelpBot.Engine.Understanding;
using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Pages;

/// <summary>The review queue in a browser: keyboard filing through the desk into the examples file, and the reader retraining.</summary>
[Collection(SharedConsoleHost.Name)]
public sealed class ReviewPageTests(ConsoleHost host)
{
    private string ExamplesFile => Path.Combine(host.ContentRoot, "en", "aliexpress.examples.tsv");

    [Fact]
    public async Task GuessPickedWithArrowsAndDigit_LandsInExamples_AndTheReaderThenAnswersTheTextWithIt()
    {
        // The bot has no answer for it; its first guess depends on what earlier tests taught the shared host, so the
        // test files whichever guess is first and checks that one.
        const string Text = "my wife uses the account too";
        await host.UnansweredAsync(Text, "will the seller still ship my parcel");
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        await page.GotoAsync("/console/review");
        await Assertions.Expect(page.Locator("#review-keys")).ToContainTextAsync("1–3");

        var row = await DeskPages.SelectWithArrowsAsync(page, Text);
        var key = await row.GetAttributeAsync("data-key");
        var label = await row.Locator("button[data-pick='1']").GetAttributeAsync("value");
        Assert.False(string.IsNullOrEmpty(label), "the text has no first guess");
        var title = (await row.Locator("button[data-pick='1']").InnerTextAsync())[1..].Trim();
        var next = await page.Locator("tr.review-item").EvaluateAllAsync<string?>(
            "(rows, key) => { const i = rows.findIndex(r => r.dataset.key === key); const n = rows[i + 1] || rows[i - 1]; return n ? n.dataset.key : null; }", key);
        await page.Keyboard.PressAsync("1");

        var outcome = page.Locator($"#review-{key}");
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-outcome", "Filed");
        await Assertions.Expect(outcome).ToContainTextAsync($"Filed under “{title}”: the bot is learning it now");
        if (next is not null)
            await Assertions.Expect(page.Locator(DeskPages.SelectedRow)).ToHaveAttributeAsync("data-key", next);
        // The examples file names sections as the content does (consequence:messages-erased), buttons as actions do.
        var filed = Assert.Single(File.ReadAllLines(ExamplesFile), l => l.StartsWith("en\t", StringComparison.Ordinal) && l.EndsWith("\tmoderator\t" + Text, StringComparison.Ordinal));
        var filedAs = filed.Split('\t')[1];
        Assert.Equal(string.Join(':', label!.Split('_', 2)), filedAs);

        // The reader retrains in the background: once it has, the text is answered with the section it was filed under.
        var reader = host.Services.GetRequiredService<ITextUnderstanding>();
        var deadline = DateTime.UtcNow + DeskPages.ReaderTime;
        string? answered;
        do
            answered = reader.Understand(Text, "en", near: null, ConsoleHost.TelegramCommunity).Match is { } match ? TopicNames.Format(match.Topic, "aliexpress") : null;
        while (answered != filedAs && DateTime.UtcNow < deadline && await Delay());
        Assert.Equal(filedAs, answered);
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
