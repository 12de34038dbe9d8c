using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Moderation.Desk;

/// <summary>A saved answer in every language it has, in the content's order of languages (the default one first).</summary>
internal sealed record SavedAnswerEntry(string Id, IReadOnlyDictionary<string, SavedAnswer> Versions)
{
    public string? Community => Versions.Values.First().Community;

    /// <summary>Whether a moderator of <paramref name="community"/> sees it: its own answers and the default ones.</summary>
    public bool IsVisibleTo(string community) => Versions.Values.First().IsFor(community);

    /// <summary>Whether a moderator of <paramref name="community"/> may change it: its own; the default ones only the default community's moderators.</summary>
    public bool IsEditableBy(string community) => (Community ?? Turn.DefaultCommunity) == community;
}

/// <summary>How often a saved answer was served and rated.</summary>
internal sealed record SavedAnswerCounts(int Served, int Helpful, int NotHelpful);

/// <summary>Why a saved answer's new title or text is not taken, before anything is written.</summary>
internal enum SavedAnswerProblem
{
    None,
    Empty,
    TooLong,
    TitleInvalid,
    TitleTaken,
}

/// <summary>
/// The rules of changing saved answers, shared by the chat's <c>/faq</c> and the console's <see cref="SavedAnswersDesk"/>:
/// what a moderator sees and may change, the served and helpful counts, the checks before a write, and the writes
/// themselves through <see cref="ISavedAnswers"/>.
/// </summary>
internal static class SavedAnswerRules
{
    private static readonly DialogEventKind[] Rated = [DialogEventKind.SavedAnswerServed, DialogEventKind.SavedAnswerHelpful, DialogEventKind.SavedAnswerNotHelpful];

    /// <summary>Every saved answer of the content, the default language's first.</summary>
    public static List<SavedAnswerEntry> Entries(ContentCatalog catalog)
    {
        var languages = catalog.Languages.Keys.OrderBy(l => l == catalog.DefaultLanguage ? 0 : 1).ThenBy(l => l, StringComparer.Ordinal).ToList();
        return languages
            .SelectMany(l => catalog.Languages[l].SavedAnswers.Select(a => (Language: l, Answer: a)))
            .GroupBy(v => v.Answer.Id, StringComparer.Ordinal)
            .Select(g => new SavedAnswerEntry(g.Key, g.ToDictionary(v => v.Language, v => v.Answer, StringComparer.Ordinal)))
            .ToList();
    }

    /// <summary>How often each saved answer was served and rated in <paramref name="community"/> since <paramref name="since"/>, by id.</summary>
    public static async ValueTask<IReadOnlyDictionary<string, SavedAnswerCounts>> CountsAsync(IModerationStore? moderation, string community, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (moderation is null)
            return new Dictionary<string, SavedAnswerCounts>();
        var events = await moderation.ListEventsAsync(community, Rated, since, cancellationToken);
        return events
            .Where(e => e.Topic is not null)
            .GroupBy(e => e.Topic!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new SavedAnswerCounts(
                g.Count(e => e.Kind == DialogEventKind.SavedAnswerServed),
                g.Count(e => e.Kind == DialogEventKind.SavedAnswerHelpful),
                g.Count(e => e.Kind == DialogEventKind.SavedAnswerNotHelpful)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Why a new <paramref name="title"/> and/or <paramref name="body"/> (null: unchanged) of answer <paramref name="id"/>
    /// in <paramref name="language"/> is not taken: empty, too long, a title that cannot label a button, or one another
    /// answer of the language has (<paramref name="other"/>). The writer checks it all again against the file then.
    /// </summary>
    public static SavedAnswerProblem Check(ContentCatalog catalog, string language, string id, string? title, string? body, out SavedAnswer? other)
    {
        other = null;
        if ((body is not null && body.Length == 0) || (title is not null && title.Length == 0))
            return SavedAnswerProblem.Empty;
        if (body is not null && body.Length > ContentLoader.MaxTextLength)
            return SavedAnswerProblem.TooLong;
        if (title is null)
            return SavedAnswerProblem.None;
        if (title.Length > SavedAnswerTitle.MaxLength || title.Contains('\n', StringComparison.Ordinal) || title.Contains("**", StringComparison.Ordinal) || title.Contains('`', StringComparison.Ordinal))
            return SavedAnswerProblem.TitleInvalid;
        other = SavedAnswerTitle.TakenBy(catalog.Languages[language].SavedAnswers, id, title);
        return other is null ? SavedAnswerProblem.None : SavedAnswerProblem.TitleTaken;
    }

    /// <summary>
    /// Sets the answer's title and/or text in <paramref name="language"/>, applied to the answer as the file has it now:
    /// one deleted meanwhile stays deleted unless <paramref name="translating"/> adds the language; a translation keeps
    /// the answer's <paramref name="community"/>, one answer having one in every language.
    /// </summary>
    public static ValueTask<SavedAnswerChange> EditAsync(ISavedAnswers answers, string language, string id, string? title, string? body, bool translating, string? community, CancellationToken cancellationToken) =>
        answers.ChangeAsync(language, id, current =>
        {
            if (current is null && !translating)
                return null;
            var next = current ?? new SavedAnswer(id, title!, body!, community, []);
            return next with { Title = title ?? next.Title, Answer = body ?? next.Answer };
        }, cancellationToken);

    /// <summary>Deletes the answer in every language it has; each language's refusal, as <c>language: reason</c>.</summary>
    public static async ValueTask<IReadOnlyList<string>> DeleteAsync(ISavedAnswers answers, SavedAnswerEntry entry, CancellationToken cancellationToken)
    {
        var refusals = new List<string>();
        foreach (var language in entry.Versions.Keys)
        {
            var change = await answers.ChangeAsync(language, entry.Id, _ => null, cancellationToken);
            if (change.Outcome == SavedAnswerOutcome.Refused)
                refusals.Add(language + ": " + change.Detail);
        }
        return refusals;
    }
}
