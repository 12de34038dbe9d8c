using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Moderation.Desk;

/// <summary>
/// A moderator's answer saved as the bot's own, for the chat's draft (<c>AnswerDrafts</c>) and the console alike: what a
/// draft may hold and how it is written (no user id; the question's id, language and community).
/// </summary>
internal static class BotAnswers
{
    /// <summary>The id a question's saved answer gets: the question's, lower-cased (<c>Q7K2MX</c> → <c>q7k2mx</c>).</summary>
    public static string SavedIdOf(Question question) => question.Id.ToLowerInvariant();

    public static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Another saved answer of the language has this title (titles label buttons, so each must differ).</summary>
    public static bool TitleTaken(ScreenBook book, Question question, string title) =>
        book.Languages.TryGetValue(question.Language, out var language)
        && SavedAnswerTitle.TakenBy(language.SavedAnswers.Values, SavedIdOf(question), title) is not null;

    /// <summary>Whether a typed title is longer than a title may be (it is taken as typed or not at all).</summary>
    public static bool TitleTooLong(string typed) =>
        typed.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Length > SavedAnswerTitle.MaxLength;

    /// <summary>Why a draft cannot be saved (the console's check before it sends the answer), or null.</summary>
    public static string? DraftProblem(ScreenBook book, Question question, string? typedTitle, string title, string example)
    {
        if (!book.Languages.ContainsKey(question.Language) || !SavedAnswersFile.IsId(SavedIdOf(question)))
            return $"the question's language '{question.Language}' has no saved answers";
        if (typedTitle is not null && TitleTooLong(typedTitle))
            return string.Create(CultureInfo.InvariantCulture, $"the title is longer than {SavedAnswerTitle.MaxLength} characters");
        if (example.Length > ExamplesFile.MaxMessageLength)
            return string.Create(CultureInfo.InvariantCulture, $"the question is longer than {ExamplesFile.MaxMessageLength} characters");
        return TitleTaken(book, question, title) ? $"another saved answer is titled '{title}'" : null;
    }

    /// <summary>Writes the answered question's saved answer unless one was saved meanwhile (another moderator, an older draft), which stays.</summary>
    public static ValueTask<SavedAnswerChange> SaveAsync(ISavedAnswers savedAnswers, Question question, string title, string example, CancellationToken cancellationToken)
    {
        var id = SavedIdOf(question);
        var answer = new SavedAnswer(id, title, Markup.Escape(question.Answer!),
            question.Community == Turn.DefaultCommunity ? null : question.Community, [example]);
        return savedAnswers.ChangeAsync(question.Language, id, existing => existing ?? answer, cancellationToken);
    }
}
