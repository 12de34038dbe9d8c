namespace HelpBot.Tests;

/// <summary>Locates the repository's folders from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Content => Path.Combine(Root, "content");

    public static string Conversations => Path.Combine(Root, "tests", "conversations");

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
