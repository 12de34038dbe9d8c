namespace HelpBot.Content;

/// <summary>Finds <c>content/</c> whether the bot runs from the repository root, its build output or a container.</summary>
public static class ContentDirectory
{
    public const string FolderName = "content";

    public static string Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FolderName);
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        return Path.Combine(Directory.GetCurrentDirectory(), FolderName);
    }
}
