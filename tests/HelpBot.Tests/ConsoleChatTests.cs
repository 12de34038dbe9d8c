using HelpBot.Hosting;

namespace HelpBot.Tests;

/// <summary>The bot started as `dotnet run --project src/HelpBot` starts it: a console chat over a LiteDB file.</summary>
public sealed class ConsoleChatTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("helpbot-console-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Run_NoChannelConfigured_ChatsInTheTerminalAndStopsAtEndOfInput()
    {
        var result = await HelpBotProcess.RunAsync(_folder.FullName, "/steps\n1\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Здравствуйте", result.Output, StringComparison.Ordinal);
        Assert.Contains("шаг 1/9", result.Output, StringComparison.Ordinal);
        Assert.Contains("[1] Далее ▶", result.Output, StringComparison.Ordinal);
        Assert.Contains("шаг 2/9", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "data", "helpbot.db")), "no LiteDB file in data/");
    }

    [Fact]
    public async Task Run_AfterRestart_ResumesTheWalkthrough()
    {
        // Step 1 offers [1] Next; step 2 offers [1] Back [2] Next.
        await HelpBotProcess.RunAsync(_folder.FullName, "/steps\n1\n2\n");

        var second = await HelpBotProcess.RunAsync(_folder.FullName, "/steps\n");

        Assert.Contains("Продолжаем с места, где вы остановились", second.Output, StringComparison.Ordinal);
        Assert.Contains("шаг 3/9", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Record_WritesATranscriptThatReplays()
    {
        var record = Path.Combine(_folder.FullName, "session.chat");
        await HelpBotProcess.RunAsync(_folder.FullName, "/consequences\n[Принимаю]\n/ask Где форма?\n/reasons\n", null, "--record", record);

        var replay = await HelpBotProcess.RunAsync(_folder.FullName, "", null, "replay", record);

        Assert.Contains("> [Принимаю, к шагам ▶]", await File.ReadAllTextAsync(record, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("1 passed, 0 failed", replay.Output.Trim().Split('\n')[^1]);
        Assert.Equal(0, replay.ExitCode);
    }

    [Fact]
    public async Task Run_NoChannelAndInputEndsAtOnce_ExitsNonZeroWithOneLineSayingWhatToSet()
    {
        // As a container runs the image without a token and without -it: no terminal, standard input at its end.
        var result = await HelpBotProcess.RunAsync(_folder.FullName, "");

        Assert.Equal(ExitCodes.NoChannel, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n'), l => l.Contains("No channel is configured", StringComparison.Ordinal));
        Assert.Contains("Telegram:Token", line, StringComparison.Ordinal);
        Assert.Contains("Discord:PublicKey", line, StringComparison.Ordinal);
        Assert.Contains("docker run -it", line, StringComparison.Ordinal);
        Assert.Equal("", result.Output); // no greeting for nobody
    }

    [Fact]
    public async Task Run_EmptyStoragePath_RefusesToStartNamingTheSetting()
    {
        var result = await HelpBotProcess.RunAsync(_folder.FullName, "", new Dictionary<string, string> { ["Storage__Path"] = "" });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Path", result.Error, StringComparison.Ordinal);
        Assert.Contains("Configuration is invalid", result.Error, StringComparison.Ordinal);
    }
}
