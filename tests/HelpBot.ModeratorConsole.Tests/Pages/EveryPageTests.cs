using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.Tests.Infrastructure;
using HelpBot.Tests;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Pages;

/// <summary>
/// Every page of the console, in the light and the dark theme, at a desktop's and a phone's width: it loads, shows its
/// title, and fits the width. The screenshots are written to <c>HELPBOT_SCREENSHOTS</c> when it is set (the README's are
/// made with <c>HELPBOT_SCREENSHOTS=docs/console</c>), to a temporary folder otherwise.
/// </summary>
[Collection(SharedConsoleHost.Name)]
public sealed class EveryPageTests(ConsoleHost host)
{
    public static TheoryData<string, string> Pages => new()
    {
        { ConsoleRoutes.Root, "overview" },
        { ConsoleRoutes.Review, "review" },
        { ConsoleRoutes.Questions, "questions" },
        { ConsoleRoutes.SavedAnswers, "answers" },
        { ConsoleRoutes.Stats, "stats" },
        { ConsoleRoutes.Content, "content" },
    };

    private static readonly (string Name, int Width, int Height)[] Screens = [("desktop", 1280, 800), ("phone", 375, 740)];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_LoadsAndFits_InBothThemes_AtBothWidths(string path, string name)
    {
        var folder = Directory.CreateDirectory(Environment.GetEnvironmentVariable("HELPBOT_SCREENSHOTS") is { Length: > 0 } asked
            ? Path.GetFullPath(asked, RepositoryPaths.Root)
            : Path.Combine(Path.GetTempPath(), "helpbot-console-screens"));
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        foreach (var theme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = theme });
            foreach (var (screen, width, height) in Screens)
            {
                await page.SetViewportSizeAsync(width, height);
                var response = await page.GotoAsync(path);
                Assert.Equal(200, response?.Status);
                await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
                Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
                    $"{path} is wider than a {screen}'s {width} px");
                var themeName = theme == ColorScheme.Dark ? "dark" : "light";
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, $"{name}-{themeName}-{screen}.png"), FullPage = screen == "desktop" });
            }
        }
        // The theme is the page's own, not the browser's default: the dark background differs from the light one.
        Assert.NotEqual(await BackgroundAsync(page, ColorScheme.Light), await BackgroundAsync(page, ColorScheme.Dark));
    }

    private static async Task<string> BackgroundAsync(IPage page, ColorScheme theme)
    {
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = theme });
        return await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
    }
}
