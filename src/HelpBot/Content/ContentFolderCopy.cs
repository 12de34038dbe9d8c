namespace HelpBot.Content;

/// <summary>A temporary copy of a content folder (its <c>.yaml</c>, <c>.tsv</c> and <c>.txt</c> files), to change without touching the original; deleted on dispose.</summary>
public sealed class ContentFolderCopy : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("helpbot-content-");

    /// <param name="source">The content folder to copy.</param>
    /// <param name="overlay">A folder whose content files replace (or add to) the copy's at the same relative paths; none: a plain copy.</param>
    public ContentFolderCopy(string source, string? overlay = null)
    {
        CopyFiles(source);
        if (overlay is not null)
            CopyFiles(overlay);
    }

    public string Root => _folder.FullName;

    private void CopyFiles(string source)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories).Where(f => Path.GetExtension(f) is ".yaml" or ".tsv" or ".txt"))
        {
            var target = Path.Combine(_folder.FullName, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
