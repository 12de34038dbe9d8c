namespace HelpBot.Tests;

/// <summary>A temporary copy of the repository's content/, to edit or break without touching the real one.</summary>
public sealed class ContentCopy : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("helpbot-content-");

    public ContentCopy()
    {
        foreach (var file in Directory.GetFiles(RepositoryPaths.Content, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".tsv", StringComparison.Ordinal)))
        {
            var target = Path.Combine(_folder.FullName, Path.GetRelativePath(RepositoryPaths.Content, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root => _folder.FullName;

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

    public void Dispose() => _folder.Delete(recursive: true);
}
