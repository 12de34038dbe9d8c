using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Pages;

/// <summary>What the desk pages' tests share: putting texts in the queue, moving the keyboard selection, posting forms by hand.</summary>
internal static class DeskPages
{
    /// <summary>A free text's first reply may wait for the reader's training; a retrain after a label takes as long.</summary>
    public static readonly TimeSpan ReaderTime = TimeSpan.FromMinutes(4);

    public const string SelectedRow = "tr.review-item[aria-selected='true']";

    /// <summary>The Telegram user's texts the bot could not answer, now in alpha's review queue.</summary>
    public static async Task UnansweredAsync(this ConsoleHost host, params string[] texts)
    {
        foreach (var text in texts)
            await host.TelegramReplyAsync(ConsoleHost.TelegramUser, text, timeout: ReaderTime);
    }

    /// <summary>Moves the selection to the row of <paramref name="text"/> with ↓/↑, as a moderator does.</summary>
    public static async Task<ILocator> SelectWithArrowsAsync(IPage page, string text)
    {
        var messages = await page.Locator("tr.review-item td.message").AllInnerTextsAsync();
        var target = messages.ToList().IndexOf(text);
        Assert.True(target >= 0, $"'{text}' is not in the queue: {string.Join(" | ", messages)}");
        var selected = await page.Locator("tr.review-item").EvaluateAllAsync<int>("rows => rows.findIndex(r => r.getAttribute('aria-selected') === 'true')");
        for (var at = selected; at < target; at++)
            await page.Keyboard.PressAsync("ArrowDown");
        for (var at = selected; at > target; at--)
            await page.Keyboard.PressAsync("k");
        var row = page.Locator("tr.review-item", new PageLocatorOptions { Has = page.Locator("td.message", new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(text) + "$") }) });
        await Assertions.Expect(row).ToHaveAttributeAsync("aria-selected", "true");
        return row;
    }

    /// <summary>Posts a form to the console as the page's own script could (same origin, the session's antiforgery token): the status and body.</summary>
    public static async Task<(int Status, string Body)> PostFormAsync(IPage page, string path, params (string Name, string Value)[] fields)
    {
        var result = await page.EvaluateAsync<string[]>(
            """
            async ([path, fields]) => {
              const response = await fetch(path, { method: 'POST', headers: { 'X-CSRF-Token': document.getElementById('console-csrf').value }, body: new URLSearchParams(fields) });
              return [String(response.status), await response.text()];
            }
            """, new object[] { path, fields.ToDictionary(f => f.Name, f => f.Value) });
        return (int.Parse(result[0], System.Globalization.CultureInfo.InvariantCulture), result[1]);
    }

    /// <summary>The page's body fits the viewport: nothing to scroll sideways.</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= innerWidth"),
            "the page is wider than the viewport: " + await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
}
