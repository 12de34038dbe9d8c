using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;

namespace HelpBot.Content;

/// <summary>
/// The last step of every change the bot makes to a content file, under the file's <see cref="ContentFileLock"/>:
/// replace it atomically, reload the content, and should the reload refuse it (an error <paramref name="concerns"/>
/// the change), put the old text back and reload again, so the bot never stays on a file its content refuses.
/// </summary>
internal static class ContentFileReplacement
{
    /// <summary>Replaces <paramref name="path"/>'s <paramref name="oldText"/> with <paramref name="newText"/>; the reload's refusing error, or null.</summary>
    public static async Task<ContentError?> ReplaceOrPutBackAsync(
        string path, string oldText, string newText, IContentReloader reloader, Func<ContentError, bool> concerns, CancellationToken cancellationToken)
    {
        await ContentFileLock.ReplaceAsync(path, newText, check: null, cancellationToken);
        var errors = reloader.Reload();
        if (errors.FirstOrDefault(concerns) is not { } refusing)
            return null;
        await ContentFileLock.ReplaceAsync(path, oldText, check: null, cancellationToken);
        reloader.Reload();
        return refusing;
    }

    /// <summary>Whether an error is about the file at <paramref name="path"/>.</summary>
    public static bool IsAbout(ContentError error, string path) =>
        string.Equals(Path.GetFullPath(error.File), Path.GetFullPath(path), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
