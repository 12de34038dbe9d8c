using HelpBot.Engine.Content;

namespace HelpBot.Benchmarks;

/// <summary>The repository's real content, loaded once per benchmark process.</summary>
public static class BenchmarkContent
{
    public static ContentCatalog Load() => ContentLoader.Load(Path.Combine(RepositoryRoot(), "content"));

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HelpBot.sln")) && Directory.Exists(Path.Combine(dir.FullName, "content")))
                return dir.FullName;
        }
        throw new InvalidOperationException("run from inside the repository: content/ not found");
    }
}
