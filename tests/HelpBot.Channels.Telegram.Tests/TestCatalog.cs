using HelpBot.Engine.Content;
using HelpBot.Tests;

namespace HelpBot.Channels.Telegram.Tests;

/// <summary>The repository's real content, loaded once per test process.</summary>
public static class TestCatalog
{
    private static readonly Lazy<ContentCatalog> Loaded = new(() => ContentLoader.Load(RepositoryPaths.Content));

    public static ContentCatalog Content => Loaded.Value;
}
