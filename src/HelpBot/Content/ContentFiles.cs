using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Content;

/// <summary>
/// The guides' files as the moderators' console edits them (<see cref="IContentFiles"/>): one writer at a time per file
/// (<see cref="ContentFileLock"/>), the edit applied to the file as it is now, the replaced file kept as
/// <c>content/.backup/&lt;lang&gt;/&lt;guide&gt;.yaml.&lt;yyyyMMddHHmmssfff&gt;</c> (UTC; the loader skips folders starting
/// with a dot), the new one written atomically and the content reloaded; should the reload refuse the file, it is put
/// back (<see cref="ContentFileReplacement"/>) and its copy removed.
/// </summary>
public sealed partial class ContentFiles(IOptions<ContentOptions> options, IContentProvider content, IContentReloader reloader, TimeProvider time, ILogger<ContentFiles> logger)
    : IContentFiles
{
    /// <summary>The folder under the content's root where replaced files are kept.</summary>
    public const string BackupFolder = ".backup";

    private readonly string _root = Path.GetFullPath(options?.Value.ResolvePath() ?? throw new ArgumentNullException(nameof(options)));

    public async ValueTask<ContentFileText?> ReadGuideAsync(string language, string guide, CancellationToken cancellationToken)
    {
        if (PathOf(language, guide) is not { } path)
            return null;
        try
        {
            return new ContentFileText(path, await ContentFileLock.ReadAsync(path, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, path, ex.Message);
            return null;
        }
    }

    public async ValueTask<ContentFileChange> ChangeGuideAsync(string language, string guide, Func<ContentFileText, ContentFileEdit> edit, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (PathOf(language, guide) is not { } path)
            return Failed($"the content has no guide '{guide}' in language '{language}'");
        try
        {
            using var fileLock = await ContentFileLock.TakeAsync(path, cancellationToken);
            if (fileLock is null)
                return Failed($"{Path.GetFileName(path)} is locked by another process");
            var text = await ContentFileLock.ReadAsync(path, cancellationToken);
            var edited = edit(new ContentFileText(path, text));
            if (edited.Text is null)
                return new ContentFileChange(ContentFileOutcome.Refused, edited.Errors);
            if (edited.Text == text)
                return new ContentFileChange(ContentFileOutcome.Unchanged, []);

            var backup = await KeepCopyAsync(language, path, text, cancellationToken);
            if (await ContentFileReplacement.ReplaceOrPutBackAsync(path, text, edited.Text, reloader, e => ContentFileReplacement.IsAbout(e, path), cancellationToken) is { } refusing)
            {
                File.Delete(backup);
                LogPutBack(logger, path, by, refusing.ToString());
                return new ContentFileChange(ContentFileOutcome.ReloadRefused, [refusing], Detail: $"the content's reload refused {Path.GetFileName(path)}, so it was put back");
            }
            LogChanged(logger, path, by, backup);
            return new ContentFileChange(ContentFileOutcome.Changed, [], backup);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogFailed(logger, path, ex.Message);
            return Failed($"{Path.GetFileName(path)} could not be written");
        }
    }

    /// <summary>A guide's file; null unless the content has that language and guide (names never come from a path a user could shape).</summary>
    private string? PathOf(string language, string guide) =>
        language is not null && guide is not null && content.Current.Languages.TryGetValue(language, out var pack) && pack.Guides.ContainsKey(guide)
            ? Path.Combine(_root, language, guide + ".yaml")
            : null;

    private async Task<string> KeepCopyAsync(string language, string path, string text, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_root, BackupFolder, language);
        Directory.CreateDirectory(folder);
        var stamp = time.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var backup = Path.Combine(folder, Path.GetFileName(path) + "." + stamp);
        for (var n = 2; File.Exists(backup); n++)
            backup = Path.Combine(folder, Path.GetFileName(path) + "." + stamp + "-" + n.ToString(CultureInfo.InvariantCulture));
        await File.WriteAllTextAsync(backup, text, cancellationToken);
        return backup;
    }

    private static ContentFileChange Failed(string detail) => new(ContentFileOutcome.Failed, [], Detail: detail);

    [LoggerMessage(1, LogLevel.Information, "{By} changed {Path}; the replaced file is kept as {Backup}")]
    private static partial void LogChanged(ILogger logger, string path, string by, string backup);

    [LoggerMessage(2, LogLevel.Error, "Could not read or write {Path}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string path, string reason);

    [LoggerMessage(3, LogLevel.Warning, "The content reload refused {By}'s change of {Path}, so it was put back: {Reason}")]
    private static partial void LogPutBack(ILogger logger, string path, string by, string reason);
}
