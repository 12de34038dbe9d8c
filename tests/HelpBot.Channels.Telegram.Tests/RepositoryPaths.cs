using HelpBot.Engine.Content;

namespace HelpBot.Channels.Telegram.Tests;

/// <summary>The repository's real content, found from the test binaries and loaded once.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static readonly Lazy<ContentCatalog> LoadedContent = new(() => ContentLoader.Load(Path.Combine(Root, "content")));

    public static ContentCatalog Content => LoadedContent.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HelpBot.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("HelpBot.sln not found above " + AppContext.BaseDirectory);
    }
}
