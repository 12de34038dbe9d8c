using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Pages;

/// <summary>
/// The Content page in a browser: the loader's errors beside the field before saving, a refused edit leaving the file
/// as it was, a saved edit served by the bot on the next turn with a copy of the replaced file, the Telegram preview,
/// forged posts refused cleanly, the phone layout. Edits change the shared host's content: each test puts back what it saved.
/// </summary>
[Collection(SharedConsoleHost.Name)]
public sealed class ContentPageTests(ConsoleHost host)
{
    private const string Intro = "aliexpress:intro";
    private const string FirstStep = "aliexpress:steps/my-aliexpress/text";

    private static readonly Moderator Restorer = new("test", "restore", ConsoleHost.TelegramCommunity);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ModeratorDesk Desk => host.Services.GetRequiredService<ModeratorDesk>();

    private string GuideFile(string language) => Path.Combine(host.ContentRoot, language, "aliexpress.yaml");

    private string BackupFolder(string language) => Path.Combine(host.ContentRoot, ".backup", language);

    private static ILocator Editor(IPage page, string section, string language) =>
        page.Locator($"form.text-editor[data-section='{section}'][data-language='{language}']");

    private static async Task<IPage> ContentPageAsync(IBrowserContext context, string filter)
    {
        var page = context.Pages[0];
        await page.GotoAsync("/console/content?q=" + Uri.EscapeDataString(filter));
        return page;
    }

    private async Task<string> SavedTextAsync(string section, string language) =>
        (await Desk.Content.ListAsync(Restorer, Ct)).Single(s => s.Id == section).Texts.Single(t => t.Language == language).Text;

    /// <summary>Puts a text back as it was before the test, through the desk (and so the reload).</summary>
    private async Task RestoreAsync(string section, string language, string original)
    {
        var result = await Desk.Content.SaveAsync(Restorer, section, language, original, basedOn: null, CancellationToken.None);
        Assert.Contains(result.Outcome, new[] { ContentEditOutcome.Valid, ContentEditOutcome.Unchanged });
    }

    [Fact]
    public async Task EditWithAnError_IsShownBesideTheField_AndRefusedOnSave_FileUnchanged()
    {
        await using var context = await host.SignedInAsync();
        var page = await ContentPageAsync(context, "steps/my-aliexpress/text");
        var editor = Editor(page, FirstStep, "en");
        var fileBefore = await File.ReadAllTextAsync(GuideFile("en"), Ct);
        var backupsBefore = Directory.Exists(BackupFolder("en")) ? Directory.GetFiles(BackupFolder("en")).Length : 0;
        var line = (await Desk.Content.ListAsync(Restorer, Ct)).Single(s => s.Id == FirstStep).Texts.Single(t => t.Language == "en").Line;

        await editor.Locator("textarea").FillAsync("Open **My AliExpress and stop");

        // Before saving: the loader's error with file:line.
        var check = editor.Locator(".text-check .content-errors");
        await Assertions.Expect(check).ToContainTextAsync("unbalanced formatting");
        await Assertions.Expect(check).ToContainTextAsync($"en/aliexpress.yaml:{line}:");

        await editor.Locator("button[type=submit]").ClickAsync();
        var outcome = Editor(page, FirstStep, "en").Locator(".text-outcome.refused");
        await Assertions.Expect(outcome).ToContainTextAsync("Not saved");
        await Assertions.Expect(outcome).ToContainTextAsync($"en/aliexpress.yaml:{line}:");
        // The moderator's text stays in the field to be corrected.
        await Assertions.Expect(Editor(page, FirstStep, "en").Locator("textarea")).ToHaveValueAsync("Open **My AliExpress and stop");

        Assert.Equal(fileBefore, await File.ReadAllTextAsync(GuideFile("en"), Ct));
        Assert.Equal(backupsBefore, Directory.Exists(BackupFolder("en")) ? Directory.GetFiles(BackupFolder("en")).Length : 0);
    }

    [Fact]
    public async Task AnotherCommunitysModerator_ReadsAndChecks_ButCannotChangeWhatEveryCommunityShares()
    {
        await using var context = await host.SignedInAsync(await host.DiscordReplyAsync("console"));
        var page = await ContentPageAsync(context, "steps/my-aliexpress/text");
        var editor = Editor(page, FirstStep, "en");
        var fileBefore = await File.ReadAllTextAsync(GuideFile("en"), Ct);

        await editor.Locator("textarea").FillAsync("Open My AliExpress, community beta says");
        await editor.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(Editor(page, FirstStep, "en").Locator(".text-outcome.refused")).ToContainTextAsync("only the default community's moderators");
        Assert.Equal(fileBefore, await File.ReadAllTextAsync(GuideFile("en"), Ct));
    }

    [Fact]
    public async Task ValidEdit_IsServedByTheBotOnTheNextTurn_AndTheReplacedFileIsKept()
    {
        var original = await SavedTextAsync(Intro, "en");
        var marker = "Edited from the console " + Guid.NewGuid().ToString("N")[..8] + ".";
        var fileBefore = await File.ReadAllTextAsync(GuideFile("en"), Ct);
        try
        {
            await using var context = await host.SignedInAsync();
            var page = await ContentPageAsync(context, Intro);
            await Editor(page, Intro, "en").Locator("textarea").FillAsync(marker);
            await Editor(page, Intro, "en").Locator("button[type=submit]").ClickAsync();

            var outcome = Editor(page, Intro, "en").Locator(".text-outcome.ok");
            await Assertions.Expect(outcome).ToContainTextAsync("Saved");
            var backup = (await outcome.Locator("code.backup").InnerTextAsync()).Trim();
            Assert.StartsWith(".backup/en/aliexpress.yaml.", backup, StringComparison.Ordinal);
            Assert.Equal(fileBefore, await File.ReadAllTextAsync(Path.Combine(host.ContentRoot, backup), Ct));

            var reply = await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "how to delete aliexpress account");
            Assert.Contains(marker, reply, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAsync(Intro, "en", original);
        }
    }

    [Fact]
    public async Task Preview_FollowsTheText_AsTelegramShowsIt_WithHtmlTypedShownAsText()
    {
        await using var context = await host.SignedInAsync();
        var page = await ContentPageAsync(context, FirstStep);
        var editor = Editor(page, FirstStep, "en");

        await editor.Locator("textarea").FillAsync("Tap <b>here</b> & then **Settings**.");
        // The step's screen: its heading, then the text; the content's own markup (**bold**) is bold, the typed tag is text.
        var bubble = editor.Locator(".text-check .telegram-bubble", new() { HasText = "Tap <b>here</b>" });
        await Assertions.Expect(bubble).ToContainTextAsync("Tap <b>here</b> & then Settings.");
        Assert.Contains("Tap &lt;b&gt;here&lt;/b&gt; &amp; then <b>Settings</b>.", await bubble.InnerHTMLAsync(), StringComparison.Ordinal);
        await Assertions.Expect(editor.Locator(".text-check .telegram-keyboard .telegram-button").First).ToBeVisibleAsync();

        await editor.Locator("textarea").FillAsync("Second version");
        await Assertions.Expect(editor.Locator(".text-check .telegram-bubble", new() { HasText = "Second version" })).ToHaveCountAsync(1);
        await Assertions.Expect(editor.Locator(".text-check .telegram-bubble", new() { HasText = "Tap <b>here</b>" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TrickyText_RoundTripsThroughSaveAndReload()
    {
        const string tricky = "Key: value # not a comment\n\"double\" and 'single' quotes, a - dash, {braces} [brackets] & <angle>\nemoji 🎉👍 and a 😀 at the end";
        var original = await SavedTextAsync(FirstStep, "ru");
        try
        {
            await using var context = await host.SignedInAsync();
            var page = await ContentPageAsync(context, FirstStep);
            await Editor(page, FirstStep, "ru").Locator("textarea").FillAsync(tricky);
            await Editor(page, FirstStep, "ru").Locator("button[type=submit]").ClickAsync();
            await Assertions.Expect(Editor(page, FirstStep, "ru").Locator(".text-outcome.ok")).ToContainTextAsync("Saved");

            // The bot's reloaded content has it as typed, and so does the page read again from the file.
            var content = host.Services.GetRequiredService<IContentProvider>().Current;
            Assert.Equal(tricky, content.Languages["ru"].Guides["aliexpress"].Steps[0].Text);
            await page.ReloadAsync();
            Assert.Equal(tricky, (await Editor(page, FirstStep, "ru").Locator("textarea").InputValueAsync()).Trim());
        }
        finally
        {
            await RestoreAsync(FirstStep, "ru", original);
        }
    }

    [Theory]
    [InlineData("/console/content/check", "section=nope%3Aintro&language=en&text=x", 404)]
    [InlineData("/console/content/check", "section=aliexpress%3Anot%2Fa%2Fkey&language=en&text=x", 404)]
    [InlineData("/console/content/check", "section=aliexpress%3Aintro&language=xx&text=x", 404)]
    [InlineData("/console/content/save", "section=..%2F..%2Fetc%3Aintro&language=..%2Fen&text=x", 404)]
    [InlineData("/console/content/save", "section=aliexpress%3Aintro&language=en", 400)]
    [InlineData("/console/content/save", "section=aliexpress%3Aintro&language=en&text=a&text=b", 400)]
    public async Task ForgedPost_GetsACleanRefusalWithAReason(string path, string body, int status)
    {
        var fileBefore = await File.ReadAllTextAsync(GuideFile("en"), Ct);
        await using var context = await host.SignedInAsync();
        var page = await ContentPageAsync(context, Intro);

        // Posted from the console's own page with its token, as a forged form would be after the gate.
        var response = await page.EvaluateAsync<string[]>(
            """
            ([path, body]) => fetch(path, { method: 'POST', body: body, headers: {
                'Content-Type': 'application/x-www-form-urlencoded',
                'X-CSRF-Token': document.getElementById('console-csrf').value } })
              .then(async r => [String(r.status), await r.text()])
            """, new[] { path, body });

        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), response[0]);
        Assert.Contains("id=\"refusal\"", response[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response[1], StringComparison.Ordinal);
        Assert.Equal(fileBefore, await File.ReadAllTextAsync(GuideFile("en"), Ct));
    }

    [Fact]
    public async Task AtPhoneWidth_ThePageDoesNotOverflowSideways_AndOnADesktop_LanguagesSitSideBySide()
    {
        await using var context = await host.SignedInAsync();
        var page = await ContentPageAsync(context, "");
        await Assertions.Expect(page.Locator("#content-shared")).ToContainTextAsync("every community");
        await Editor(page, FirstStep, "en").Locator("button.secondary").ClickAsync();
        await Assertions.Expect(Editor(page, FirstStep, "en").Locator(".telegram-bubble").First).ToBeVisibleAsync();

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth && document.body.scrollWidth <= window.innerWidth"),
            "the page is wider than the phone's 375 px");
        var ru = await Editor(page, FirstStep, "ru").BoundingBoxAsync();
        var en = await Editor(page, FirstStep, "en").BoundingBoxAsync();
        Assert.True(en!.Y > ru!.Y, "stacked on a phone");

        await page.SetViewportSizeAsync(1280, 900);
        ru = await Editor(page, FirstStep, "ru").BoundingBoxAsync();
        en = await Editor(page, FirstStep, "en").BoundingBoxAsync();
        Assert.Equal(ru!.Y, en!.Y);
        Assert.True(en.X > ru.X + ru.Width - 1, "side by side on a desktop");
    }

    [Fact]
    public async Task Filter_ShowsOnlyTheMatchingTexts()
    {
        await using var context = await host.SignedInAsync();
        var page = await ContentPageAsync(context, "");
        var all = await page.Locator("section.content-section").CountAsync();

        await page.Locator("#content-filter").FillAsync("steps/my-aliexpress/");
        await Assertions.Expect(page.Locator("section.content-section")).Not.ToHaveCountAsync(all);
        var shown = await page.Locator("section.content-section").EvaluateAllAsync<string[]>("sections => sections.map(s => s.dataset.section)");
        Assert.NotEmpty(shown);
        Assert.All(shown, id => Assert.StartsWith("aliexpress:steps/my-aliexpress/", id, StringComparison.Ordinal));
    }
}
