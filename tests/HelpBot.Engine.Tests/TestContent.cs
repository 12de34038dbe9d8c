using HelpBot.Engine.Content;

namespace HelpBot.Engine.Tests;

/// <summary>The repository's content, and temporary copies of it to break on purpose.</summary>
public static class TestContent
{
    public static string Directory => HelpBot.Tests.RepositoryPaths.Content;

    private static readonly Lazy<ContentCatalog> Catalog = new(() => ContentLoader.Load(Directory));

    public static ContentCatalog Load() => Catalog.Value;

    /// <summary>Copies content/ to a temp folder; the caller deletes it.</summary>
    public static TempContent Copy() => new(Directory);
}

public sealed class TempContent : IDisposable
{
    public TempContent(string source)
    {
        Root = Path.Combine(Path.GetTempPath(), "helpbot-content-" + Guid.NewGuid().ToString("N"));
        foreach (var file in System.IO.Directory.GetFiles(source, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Replaces the first occurrence of <paramref name="from"/>; fails if absent so a test cannot silently test nothing.</summary>
    public void Edit(string relative, string from, string to)
    {
        var path = PathOf(relative);
        var text = File.ReadAllText(path);
        var index = text.IndexOf(from, StringComparison.Ordinal);
        if (index < 0)
            throw new InvalidOperationException($"'{from}' not in {relative}");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, index), to, text.AsSpan(index + from.Length)));
    }

    public void Dispose() => System.IO.Directory.Delete(Root, recursive: true);
}
