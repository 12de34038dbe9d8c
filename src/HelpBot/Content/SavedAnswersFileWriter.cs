using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Content;

/// <summary>
/// Changes the saved answers in <c>content/&lt;lang&gt;/answers.yaml</c> as moderators edit them from the chat: one writer
/// at a time per file (<see cref="ContentFileLock"/>); the change applied to the answer as the file has it now (a hand
/// edit or another moderator's change made meanwhile is kept); the whole new text checked as the loader reads it, and
/// the answer's community checked against its other languages (the loader's one-answer-one-community rule, which a
/// full reload would otherwise be the first to see); the file replaced atomically; then the content reloaded so the
/// reader retrains. Should the reload still reject the change because of the saved answers, the file is put back as it
/// was and the change refused with the reload's reason.
/// </summary>
public sealed partial class SavedAnswersFileWriter(IOptions<ContentOptions> options, IContentProvider content, IContentReloader reloader, ILogger<SavedAnswersFileWriter> logger)
    : ISavedAnswers
{
    private readonly string _root = Path.GetFullPath(options?.Value.ResolvePath() ?? throw new ArgumentNullException(nameof(options)));

    public async ValueTask<SavedAnswerChange> ChangeAsync(string language, string id, Func<SavedAnswer?, SavedAnswer?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        // Names come from the content itself, never from a path a user could shape.
        if (language is null || !content.Current.Languages.ContainsKey(language))
            return Refused($"the content has no language '{language}'");
        if (id is null || !SavedAnswersFile.IsId(id))
            return Refused($"'{id}' is not a saved answer's id");
        var path = PathOf(language);
        try
        {
            using var fileLock = await ContentFileLock.TakeAsync(path, cancellationToken);
            if (fileLock is null)
                return Refused($"{SavedAnswersFile.Name} is locked by another process");
            var text = await ContentFileLock.ReadAsync(path, cancellationToken);
            var errors = new List<ContentError>();
            var answers = ContentLoader.LoadSavedAnswers(path, text, errors).ToList();
            if (errors.Count > 0)
                return Refused($"{SavedAnswersFile.Name} ({language}) has an error to fix first: line {errors[0].Line}: {errors[0].Message}");

            var index = answers.FindIndex(a => a.Id == id);
            var current = index < 0 ? null : answers[index];
            var next = change(current);
            if (Equals(next, current))
                return new SavedAnswerChange(SavedAnswerOutcome.Unchanged, current);
            if (next is null)
                answers.RemoveAt(index);
            else if (index < 0)
                answers.Add(next with { Id = id });
            else
                answers[index] = next with { Id = id };

            var updated = SavedAnswersFile.Format(answers);
            var written = Check(path, updated, id, out var refusal);
            if (refusal is null && next is not null)
                refusal = await OtherCommunityAsync(language, id, next.Community, cancellationToken);
            if (refusal is not null)
                return Refused(refusal);
            LogChanged(logger, path, id, next is null ? "deleted" : current is null ? "added" : "changed");
            // Another file's error (a hand edit in progress) does not refuse the answer: it is read once the content is valid.
            if (await ContentFileReplacement.ReplaceOrPutBackAsync(path, text, updated, reloader, e => Path.GetFileName(e.File) == SavedAnswersFile.Name, cancellationToken) is { } rejected)
            {
                // The change passed every check of the file, yet the whole content refuses it: the file is back.
                LogRolledBack(logger, path, rejected.Message);
                return Refused(rejected.Message);
            }
            return new SavedAnswerChange(SavedAnswerOutcome.Changed, written);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(logger, path, ex.Message);
            return Refused($"{SavedAnswersFile.Name} could not be written");
        }
    }

    private string PathOf(string language) => Path.Combine(_root, language, SavedAnswersFile.Name);

    private static SavedAnswerChange Refused(string reason) => new(SavedAnswerOutcome.Refused, null, reason);

    /// <summary>The answer as the new text has it (null: deleted), and the loader's first objection to the text.</summary>
    private static SavedAnswer? Check(string path, string text, string id, out string? refusal)
    {
        var errors = new List<ContentError>();
        var answers = ContentLoader.LoadSavedAnswers(path, text, errors);
        refusal = errors.FirstOrDefault()?.Message;
        return answers.FirstOrDefault(a => a.Id == id);
    }

    /// <summary>
    /// One answer has one community in every language (the loader checks each language against the default one): the
    /// reason the answer may not be for <paramref name="community"/> in <paramref name="language"/>, or null.
    /// </summary>
    private async Task<string?> OtherCommunityAsync(string language, string id, string? community, CancellationToken cancellationToken)
    {
        foreach (var other in content.Current.Languages.Keys.Where(l => l != language))
        {
            var path = PathOf(other);
            var answers = ContentLoader.LoadSavedAnswers(path, await ContentFileLock.ReadAsync(path, cancellationToken), []);
            if (answers.FirstOrDefault(a => a.Id == id) is { } there && there.Community != community)
                return $"saved answer '{id}' is for community '{there.Community ?? "(all)"}' in '{other}', so it must be here too: one answer, one community";
        }
        return null;
    }

    [LoggerMessage(1, LogLevel.Information, "A moderator's saved answer '{Id}' was {What} in {Path}")]
    private static partial void LogChanged(ILogger logger, string path, string id, string what);

    [LoggerMessage(2, LogLevel.Error, "Could not write {Path}: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(4, LogLevel.Warning, "The content reload refused a saved answer's change, so {Path} was put back: {Reason}")]
    private static partial void LogRolledBack(ILogger logger, string path, string reason);
}
