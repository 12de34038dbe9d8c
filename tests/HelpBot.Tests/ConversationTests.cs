using HelpBot.Commands;
using HelpBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpBot.Tests;

/// <summary>Every transcript in tests/conversations, one case per file, replayed as `helpbot replay` does.</summary>
public sealed class ConversationTests : IClassFixture<ConversationTests.Bot>
{
    private readonly Bot _bot;

    public ConversationTests(Bot bot) => _bot = bot;

    public static TheoryData<string> Transcripts() =>
        new(Directory.GetFiles(RepositoryPaths.Conversations, "*.chat", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryPaths.Conversations, f))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Transcript_Replays(string file)
    {
        var result = await _bot.Runner.RunFileAsync(Path.Combine(RepositoryPaths.Conversations, file), TestContext.Current.CancellationToken);
        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Failures));
    }

    [Fact]
    public void Conversations_AreAtLeastThirty() =>
        Assert.True(Transcripts().Count >= 30, $"only {Transcripts().Count} transcripts");

    /// <summary>The same composition as the replay command, built once for all transcripts.</summary>
    public sealed class Bot : IDisposable
    {
        private readonly IHost _host = CoreHost.Build(["--Content:Path=" + RepositoryPaths.Content]);

        public Bot() => Runner = _host.Services.GetRequiredService<ReplaySessions>().CreateRunner();

        public HelpBot.Transcripts.TranscriptRunner Runner { get; }

        public void Dispose() => _host.Dispose();
    }
}
