using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Content;

/// <summary>
/// Files moderators' labels in the guides' examples files, <c>content/&lt;lang&gt;/&lt;guide&gt;.examples.tsv</c>, with
/// kind <c>moderator</c>: one writer at a time per file (<see cref="ContentFileLock"/>), no duplicate of a message
/// already there, the new line validated as the loader will read it, the file replaced atomically (a temporary file
/// moved over it), then the content reloaded so the reader retrains.
/// </summary>
public sealed partial class ExamplesFileWriter(IOptions<ContentOptions> options, IContentProvider content, IContentReloader reloader, ILogger<ExamplesFileWriter> logger)
    : ITrainingExamples
{
    /// <summary>The kind of every line a moderator files.</summary>
    public const string Kind = "moderator";

    private readonly string _root = Path.GetFullPath(options?.Value.ResolvePath() ?? throw new ArgumentNullException(nameof(options)));

    public async ValueTask<ExampleFiling> FileAsync(string language, string guide, string label, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Names come from the content itself, never from a path a user could shape.
        if (!content.Current.Languages.TryGetValue(language, out var pack) || !pack.Guides.TryGetValue(guide, out var model))
            return new ExampleFiling(ExampleFilingOutcome.Refused, $"the content has no guide '{guide}' in language '{language}'");
        var path = Path.Combine(_root, language, guide + ContentLoader.ExamplesSuffix);
        var line = ExamplesFile.Line(language, label, Kind, message);
        var key = ExamplesFile.Key(line.Split('\t')[^1]);

        try
        {
            using var fileLock = await ContentFileLock.TakeAsync(path, cancellationToken);
            if (fileLock is null)
                return new ExampleFiling(ExampleFilingOutcome.Refused, $"{Path.GetFileName(path)} is locked by another process");
            var text = await ContentFileLock.ReadAsync(path, cancellationToken);
            if (Filed(text, key) is { } filed)
                return new ExampleFiling(filed == label ? ExampleFilingOutcome.AlreadyFiled : ExampleFilingOutcome.FiledOtherwise, filed);

            var updated = text.Length == 0 || text.EndsWith('\n') ? text + line + "\n" : text + "\n" + line + "\n";
            var newLine = updated.Count(c => c == '\n');
            var refusal = await ContentFileLock.ReplaceAsync(path, updated, temporary =>
            {
                var errors = new List<ContentError>();
                ExamplesFile.Read(temporary, language, model, pack.SmallTalk.Select(i => i.Id).ToHashSet(StringComparer.Ordinal), errors);
                return errors.FirstOrDefault(e => e.Line == newLine)?.Message;
            }, cancellationToken);
            if (refusal is not null)
                return new ExampleFiling(ExampleFilingOutcome.Refused, refusal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(logger, path, ex.Message);
            return new ExampleFiling(ExampleFilingOutcome.Refused, $"{Path.GetFileName(path)} could not be written");
        }

        LogFiled(logger, path, label);
        var reloadErrors = reloader.Reload();
        if (reloadErrors.Count > 0)
            LogReloadRejected(logger, reloadErrors.Count);
        return new ExampleFiling(ExampleFilingOutcome.Added);
    }

    /// <summary>The label a message with this duplicate key already has in the file, or null.</summary>
    private static string? Filed(string text, string key)
    {
        foreach (var line in text.Split('\n'))
        {
            var fields = line.TrimEnd('\r').Split('\t');
            if (fields.Length == 4 && !line.StartsWith('#') && ExamplesFile.Key(fields[3].Trim()) == key)
                return fields[1];
        }
        return null;
    }

    [LoggerMessage(1, LogLevel.Information, "A moderator filed a message as '{Label}' in {Path}")]
    private static partial void LogFiled(ILogger logger, string path, string label);

    [LoggerMessage(2, LogLevel.Error, "Could not write {Path}: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(3, LogLevel.Warning, "The content reload after filing a label was rejected ({Count} error(s)); the label is in the file and is read once the content is valid")]
    private static partial void LogReloadRejected(ILogger logger, int count);
}
