using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Moderation.Desk;

/// <summary>A saved answer in one language: its title (it labels the button offering it), text and example questions.</summary>
public sealed record SavedAnswerVersion(string Language, string Title, string Text, IReadOnlyList<string> Examples);

/// <summary>
/// A saved answer the moderator's community gets, in every language it has (the default language first), with how
/// often it was served and rated over the list's window. <see cref="Editable"/>: the moderator may change it (their
/// community's own; a default answer, which has no <see cref="Community"/>, only the default community's moderators).
/// </summary>
/// <param name="HelpfulRate">Helpful out of rated, 0..1; null when nobody rated it.</param>
public sealed record SavedAnswerItem(
    string Id, string? Community, bool Editable, IReadOnlyList<SavedAnswerVersion> Versions, int Served, int Helpful, int NotHelpful, double? HelpfulRate);

public enum SavedAnswerEditOutcome
{
    /// <summary>Written and the content reloaded (<see cref="SavedAnswerEdit.Answer"/> is the answer now; null when deleted).</summary>
    Saved,

    /// <summary>The answer already is so: nothing written.</summary>
    Unchanged,

    /// <summary>No answer the moderator's community gets has this id (forged, deleted, or another community's).</summary>
    UnknownAnswer,

    /// <summary>A default answer, which only the default community's moderators change.</summary>
    ReadOnly,

    /// <summary>The content has no such language, or (for an edit) the answer has no text in it yet: translate instead.</summary>
    UnknownLanguage,

    /// <summary>The title or text is empty once trimmed.</summary>
    EmptyText,

    /// <summary>The text is longer than the content allows (<see cref="ContentLoader.MaxTextLength"/>).</summary>
    TooLong,

    /// <summary>The title cannot label a button: several lines, longer than <see cref="SavedAnswerTitle.MaxLength"/>, or with ** or `.</summary>
    TitleInvalid,

    /// <summary>Another answer of the language has this title (<see cref="SavedAnswerEdit.Detail"/>: its id).</summary>
    TitleTaken,

    /// <summary>The file's loader or the content's reload refused it (<see cref="SavedAnswerEdit.Detail"/>): nothing written.</summary>
    Refused,

    /// <summary>This bot cannot change saved answers.</summary>
    Unavailable,
}

public sealed record SavedAnswerEdit(SavedAnswerEditOutcome Outcome, SavedAnswerItem? Answer = null, string? Detail = null);

/// <summary>
/// The saved answers for the console, as <c>/faq</c> has them and through the same code (<see cref="SavedAnswerRules"/>):
/// the community's answers with their figures; editing a title or text, translating, deleting through
/// <see cref="ISavedAnswers"/>, so each change applies to the answer as the file has it then.
/// </summary>
public sealed class SavedAnswersDesk
{
    /// <summary>The longest window of the served and helpful counts.</summary>
    public const int MaxDays = 366;

    private readonly IContentProvider _content;
    private readonly IModerationStore? _moderation;
    private readonly ISavedAnswers? _answers;
    private readonly TimeProvider _time;

    public SavedAnswersDesk(DialogDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        _content = dependencies.Content;
        _moderation = dependencies.Moderation;
        _answers = dependencies.SavedAnswers;
        _time = dependencies.Time;
    }

    /// <summary>The answers the moderator's community gets, counted over the last <paramref name="days"/> days (as <c>/faq</c>: 30).</summary>
    public async ValueTask<IReadOnlyList<SavedAnswerItem>> ListAsync(Moderator moderator, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var counts = await CountsAsync(moderator, days, cancellationToken);
        return SavedAnswerRules.Entries(_content.Current).Where(e => e.IsVisibleTo(moderator.Community)).Select(e => Item(moderator, e, counts)).ToList();
    }

    /// <summary>Sets the answer's <paramref name="title"/> and/or <paramref name="text"/> (null: unchanged) in a language it has.</summary>
    public ValueTask<SavedAnswerEdit> EditAsync(Moderator moderator, string id, string language, string? title, string? text, CancellationToken cancellationToken) =>
        ChangeAsync(moderator, id, language, title, text, translating: false, cancellationToken);

    /// <summary>Adds the answer in another language of the content, or replaces its title and text there.</summary>
    public ValueTask<SavedAnswerEdit> TranslateAsync(Moderator moderator, string id, string language, string title, string text, CancellationToken cancellationToken) =>
        ChangeAsync(moderator, id, language, title ?? "", text ?? "", translating: true, cancellationToken);

    /// <summary>Deletes the answer in every language it has, as <c>/faq</c>'s confirmed delete.</summary>
    public async ValueTask<SavedAnswerEdit> DeleteAsync(Moderator moderator, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (Refusal(moderator, id) is { } refusal)
            return refusal;
        var refusals = await SavedAnswerRules.DeleteAsync(_answers!, Find(moderator, id)!, cancellationToken);
        return refusals.Count == 0
            ? new SavedAnswerEdit(SavedAnswerEditOutcome.Saved)
            : new SavedAnswerEdit(SavedAnswerEditOutcome.Refused, Find(moderator, id) is { } left ? Item(moderator, left, new Dictionary<string, SavedAnswerCounts>()) : null, string.Join("; ", refusals));
    }

    private async ValueTask<SavedAnswerEdit> ChangeAsync(Moderator moderator, string id, string language, string? title, string? text, bool translating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (Refusal(moderator, id) is { } refusal)
            return refusal;
        var entry = Find(moderator, id)!;
        if (language is null || !_content.Current.Languages.ContainsKey(language) || (!translating && !entry.Versions.ContainsKey(language)))
            return new SavedAnswerEdit(SavedAnswerEditOutcome.UnknownLanguage);
        // As a chat message is cleaned (control characters out), then trimmed as /faq trims what is typed.
        title = title is null ? null : TextCleaner.Clean(title).Trim();
        text = text is null ? null : TextCleaner.Clean(text).Trim();
        switch (SavedAnswerRules.Check(_content.Current, language, entry.Id, title, text, out var other))
        {
            case SavedAnswerProblem.Empty:
                return new SavedAnswerEdit(SavedAnswerEditOutcome.EmptyText);
            case SavedAnswerProblem.TooLong:
                return new SavedAnswerEdit(SavedAnswerEditOutcome.TooLong, Detail: $"{text!.Length} > {ContentLoader.MaxTextLength}");
            case SavedAnswerProblem.TitleInvalid:
                return new SavedAnswerEdit(SavedAnswerEditOutcome.TitleInvalid);
            case SavedAnswerProblem.TitleTaken:
                return new SavedAnswerEdit(SavedAnswerEditOutcome.TitleTaken, Detail: other!.Id);
        }
        var change = await SavedAnswerRules.EditAsync(_answers!, language, entry.Id, title, text, translating, entry.Community, cancellationToken);
        var now = Find(moderator, id) is { } found ? Item(moderator, found, await CountsAsync(moderator, 30, cancellationToken)) : null;
        return change switch
        {
            { Outcome: SavedAnswerOutcome.Refused } => new SavedAnswerEdit(SavedAnswerEditOutcome.Refused, now, change.Detail),
            { Answer: null } => new SavedAnswerEdit(SavedAnswerEditOutcome.UnknownAnswer),
            { Outcome: SavedAnswerOutcome.Unchanged } => new SavedAnswerEdit(SavedAnswerEditOutcome.Unchanged, now),
            _ => new SavedAnswerEdit(SavedAnswerEditOutcome.Saved, now),
        };
    }

    /// <summary>Why the moderator may not change answer <paramref name="id"/>, or null.</summary>
    private SavedAnswerEdit? Refusal(Moderator moderator, string id)
    {
        if (_answers is null)
            return new SavedAnswerEdit(SavedAnswerEditOutcome.Unavailable);
        if (Find(moderator, id) is not { } entry)
            return new SavedAnswerEdit(SavedAnswerEditOutcome.UnknownAnswer);
        return entry.IsEditableBy(moderator.Community) ? null : new SavedAnswerEdit(SavedAnswerEditOutcome.ReadOnly);
    }

    /// <summary>The answer with this id if the moderator's community gets it; null for a forged, deleted or another community's.</summary>
    private SavedAnswerEntry? Find(Moderator moderator, string? id) =>
        id is not null && SavedAnswersFile.IsId(id)
            ? SavedAnswerRules.Entries(_content.Current).Find(e => e.Id == id && e.IsVisibleTo(moderator.Community))
            : null;

    private ValueTask<IReadOnlyDictionary<string, SavedAnswerCounts>> CountsAsync(Moderator moderator, int days, CancellationToken cancellationToken) =>
        SavedAnswerRules.CountsAsync(_moderation, moderator.Community, _time.GetUtcNow().AddDays(-Math.Clamp(days, 1, MaxDays)), cancellationToken);

    private static SavedAnswerItem Item(Moderator moderator, SavedAnswerEntry entry, IReadOnlyDictionary<string, SavedAnswerCounts> counts)
    {
        var (served, helpful, notHelpful) = counts.GetValueOrDefault(entry.Id) ?? new SavedAnswerCounts(0, 0, 0);
        var rated = helpful + notHelpful;
        return new SavedAnswerItem(entry.Id, entry.Community, entry.IsEditableBy(moderator.Community),
            entry.Versions.Select(v => new SavedAnswerVersion(v.Key, v.Value.Title, v.Value.Answer, v.Value.Examples)).ToList(),
            served, helpful, notHelpful, rated == 0 ? null : (double)helpful / rated);
    }
}
