namespace HelpBot.ModeratorConsole.Pages.Content;

/// <summary>Content paths as moderators know them: from the language folder on (<c>en/aliexpress.yaml</c>), not the server's disk.</summary>
internal static class ContentPlaces
{
    /// <summary>The last <paramref name="segments"/> parts of <paramref name="path"/>.</summary>
    public static string Short(string path, int segments = 2)
    {
        var parts = path.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join('/', parts[Math.Max(0, parts.Length - segments)..]);
    }
}
