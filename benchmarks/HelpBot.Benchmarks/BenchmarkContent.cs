using HelpBot.Engine.Content;

namespace HelpBot.Benchmarks;

/// <summary>The repository's real content, loaded once per benchmark process.</summary>
public static class BenchmarkContent
{
    public static ContentCatalog Load()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var content = Path.Combine(dir.FullName, "content");
            if (File.Exists(Path.Combine(dir.FullName, "HelpBot.sln")) && Directory.Exists(content))
                return ContentLoader.Load(content);
        }
        throw new InvalidOperationException("run from inside the repository: content/ not found");
    }
}
