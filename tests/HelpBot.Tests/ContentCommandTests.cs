namespace HelpBot.Tests;

public sealed class ContentCommandTests : IDisposable
{
    private readonly ContentCopy _content = new();

    public void Dispose() => _content.Dispose();

    [Fact]
    public async Task ValidateContent_RepositoryContent_IsValid()
    {
        var result = await HelpBotProcess.RunAsync(RepositoryPaths.Root, "", null, "validate-content");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("valid", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateContent_BrokenFile_ListsFileLineAndFails()
    {
        var bot = _content.PathOf("en/bot.yaml");
        _content.Edit("en/bot.yaml", "button_next: Next ▶", "button_nxt: Next ▶");

        var result = await HelpBotProcess.RunAsync(RepositoryPaths.Root, "", null, "validate-content", _content.Root);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(bot)}:\d+:\d+: unknown key 'button_nxt'", result.Error);
        Assert.Contains("missing required key 'button_next'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BrokenContent_RefusesToStart()
    {
        await File.AppendAllTextAsync(_content.PathOf("ru/aliexpress.yaml"), "\nsurprise: [", TestContext.Current.CancellationToken);

        var result = await HelpBotProcess.RunAsync(_content.Root, "/start\n", new Dictionary<string, string> { ["Content__Path"] = _content.Root, ["Storage__Path"] = Path.Combine(_content.Root, "x.db") });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("aliexpress.yaml:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Здравствуйте", result.Output, StringComparison.Ordinal);
    }
}
