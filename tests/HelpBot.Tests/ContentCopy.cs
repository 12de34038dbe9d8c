using HelpBot.Content;

namespace HelpBot.Tests;

/// <summary>A temporary copy of the repository's content/, to edit or break without touching the real one.</summary>
public sealed class ContentCopy : IDisposable
{
    private readonly ContentFolderCopy _copy = new(RepositoryPaths.Content);

    public string Root => _copy.Root;

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

    public void Dispose() => _copy.Dispose();
}
