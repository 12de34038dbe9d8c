using HelpBot.Engine.Dialog;

namespace HelpBot.Transcripts.Tests;

public sealed class TranscriptRunnerTests
{
    /// <summary>A bot that echoes text and offers two buttons; "boom" makes it throw.</summary>
    private sealed class EchoEngine : IDialogEngine
    {
        public ValueTask<Reply> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
        {
            if (turn.Text == "boom")
                throw new InvalidOperationException("kaboom");
            if (turn.Text == "silence")
                return ValueTask.FromResult(Reply.Empty);
            var text = turn.Action is null ? "echo: **" + turn.Text + "**" : "pressed " + turn.Action;
            return ValueTask.FromResult(new Reply(new OutgoingMessage(text + "  \n  done", [[new Button("Yes ✓", "yes"), new Button("No", "no")]])));
        }
    }

    private static TranscriptRunner Runner() => new(() => new TranscriptSession(new EchoEngine(), () => null));

    private static Task<TranscriptResult> Run(string text) =>
        Runner().RunAsync(TranscriptParser.Parse("t.chat", text), TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("> hello\n< ECHO: HELLO DONE")]
    [InlineData("> hello\n<! bold")]
    [InlineData("> hello\n</^echo: hello done$/")]
    [InlineData("> hello\n<[Yes ✓] [No]")]
    [InlineData("> hello\n<[~yes]")]
    [InlineData("> hello\n> [No]\n< pressed no")]
    [InlineData("> hello\n> [~YES]\n< pressed yes")]
    [InlineData("> silence\n<#")]
    public async Task Run_HoldingExpectations_Pass(string text)
    {
        var result = await Run(text);

        Assert.True(result.Passed, string.Join("\n", result.Failures));
    }

    [Theory]
    [InlineData("> hello\n< goodbye", "t.chat:2: expected < goodbye")]
    [InlineData("> hello\n<! echo", "t.chat:2: expected <! echo")]
    [InlineData("> hello\n<[Maybe]", "buttons: [Yes ✓][No]")]
    [InlineData("> hello\n<#", "answer: echo: hello done")]
    [InlineData("> hello\n> [Maybe]", "no button 'Maybe' to press; offered: [Yes ✓][No]")]
    [InlineData("> [Yes]", "offered: (none)")]
    [InlineData("> boom", "the bot threw InvalidOperationException: kaboom")]
    public async Task Run_BrokenExpectation_FailsNamingLineAndAnswer(string text, string failure)
    {
        var result = await Run(text);

        Assert.False(result.Passed);
        Assert.Contains(result.Failures, f => f.Contains(failure, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAll_PrintsClosingCountsAndFailsOnAnyFailure()
    {
        var folder = Directory.CreateTempSubdirectory("helpbot-transcripts-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "a.chat"), "> hi\n< echo", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "b.chat"), "> hi\n< nope", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "c.chat"), "garbage line", TestContext.Current.CancellationToken);
            using var output = new StringWriter();

            var exit = await Runner().RunAllAsync([folder], output, TestContext.Current.CancellationToken);

            var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
            Assert.Equal("1 passed, 2 failed", lines[^1]);
            Assert.Equal(1, exit);
            Assert.Contains(lines, l => l.Contains("c.chat:1: unrecognized line", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Recorder_WritesATranscriptThatReplays()
    {
        using var writer = new StringWriter();
        var recorder = new TranscriptRecorder(writer);
        var engine = new EchoEngine();
        recorder.WriteHeader("en", "42");
        recorder.Record("hello", await engine.HandleAsync(Turn.FromText("c", "42", "42", "en", "hello"), TestContext.Current.CancellationToken));
        recorder.Record("[No]", await engine.HandleAsync(Turn.FromAction("c", "42", "42", "en", "no"), TestContext.Current.CancellationToken));
        recorder.Record("silence", Reply.Empty);

        var transcript = TranscriptParser.Parse("recorded.chat", writer.ToString());
        var result = await Runner().RunAsync(transcript, TestContext.Current.CancellationToken);

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal(("en", "42", 3), (transcript.Locale, transcript.UserId, transcript.Turns.Count));
    }
}
