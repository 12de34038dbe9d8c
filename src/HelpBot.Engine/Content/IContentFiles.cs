namespace HelpBot.Engine.Content;

/// <summary>
/// The guides' files of the content (<c>&lt;lang&gt;/&lt;guide&gt;.yaml</c>) as moderators edit them from the console. A
/// change is applied to the file as it is at that moment, under the file's lock (a hand edit made meanwhile is kept);
/// the replaced file is kept as a copy, the new one written atomically and the content reloaded; should the reload
/// refuse the file, it is put back as it was.
/// </summary>
public interface IContentFiles
{
    /// <summary>The guide's file in <paramref name="language"/> now; null when the content has no such guide.</summary>
    ValueTask<ContentFileText?> ReadGuideAsync(string language, string guide, CancellationToken cancellationToken);

    /// <param name="edit">Given the file's text now, its new text, or the errors that refuse it (nothing is written then).</param>
    /// <param name="by">Who changes it, for the log.</param>
    ValueTask<ContentFileChange> ChangeGuideAsync(string language, string guide, Func<ContentFileText, ContentFileEdit> edit, string by, CancellationToken cancellationToken);
}

/// <summary>A content file's path (as the loader names it in errors) and text.</summary>
public sealed record ContentFileText(string Path, string Text);

/// <summary>What an edit makes of a file: its new text, or the errors that refuse it.</summary>
public sealed record ContentFileEdit(string? Text, IReadOnlyList<ContentError> Errors)
{
    public static ContentFileEdit To(string text) => new(text, []);

    public static ContentFileEdit Refused(IReadOnlyList<ContentError> errors) => new(null, errors);
}

public enum ContentFileOutcome
{
    /// <summary>Written and the content reloaded; <see cref="ContentFileChange.Backup"/> is the replaced file's copy.</summary>
    Changed,

    /// <summary>The edit gave the file's text as it was: nothing written.</summary>
    Unchanged,

    /// <summary>The edit refused the file's text now (<see cref="ContentFileChange.Errors"/>): nothing written.</summary>
    Refused,

    /// <summary>Written, but the content's reload refused it (<see cref="ContentFileChange.Errors"/>): the old file is back.</summary>
    ReloadRefused,

    /// <summary>No such guide, the file is locked by another process, or it could not be read or written (<see cref="ContentFileChange.Detail"/>).</summary>
    Failed,
}

public sealed record ContentFileChange(ContentFileOutcome Outcome, IReadOnlyList<ContentError> Errors, string? Backup = null, string? Detail = null);
