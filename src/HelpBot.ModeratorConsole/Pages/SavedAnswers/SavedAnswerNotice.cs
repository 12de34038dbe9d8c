using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation.Desk;

namespace HelpBot.ModeratorConsole.Pages.SavedAnswers;

/// <summary>Which field of an answer's form a notice stands beside.</summary>
public enum NoticeField
{
    Title,
    Text,
    Form,
}

/// <summary>
/// What became of a posted form of one answer, shown beside the field it concerns: <see cref="Form"/> names the form
/// (<see cref="EditForm"/> or <see cref="TranslateForm"/>); on a refusal the typed title and text are shown again.
/// </summary>
public sealed record SavedAnswerNotice(string Form, NoticeField Field, string Message, bool Refused, string? Title = null, string? Text = null)
{
    public const string DeleteForm = "delete";

    public static string EditForm(string language) => "edit-" + language;

    public static string TranslateForm(string language) => "translate-" + language;

    /// <summary>The notice for a check's outcome; null for the outcomes that are a refusal of the request itself (unknown answer, read-only…).</summary>
    public static SavedAnswerNotice? Of(SavedAnswerEdit edit, string form, string title, string text)
    {
        ArgumentNullException.ThrowIfNull(edit);
        SavedAnswerNotice Refusal(NoticeField field, string message) => new(form, field, message, Refused: true, title, text);
        return edit.Outcome switch
        {
            SavedAnswerEditOutcome.Saved => new(form, NoticeField.Form, "Saved: the bot serves it now.", Refused: false),
            SavedAnswerEditOutcome.Unchanged => new(form, NoticeField.Form, "Nothing changed: the answer already is so.", Refused: false),
            SavedAnswerEditOutcome.EmptyText => Refusal(title.Trim().Length == 0 ? NoticeField.Title : NoticeField.Text, "Empty: write something here."),
            SavedAnswerEditOutcome.TooLong => Refusal(NoticeField.Text, $"Too long ({edit.Detail} characters)."),
            SavedAnswerEditOutcome.TitleInvalid => Refusal(NoticeField.Title, $"A title labels a button: one line, at most {SavedAnswerTitle.MaxLength} characters, no ** or `."),
            SavedAnswerEditOutcome.TitleTaken => Refusal(NoticeField.Title, $"Another saved answer of this language has this title ({edit.Detail})."),
            SavedAnswerEditOutcome.Refused => Refusal(NoticeField.Form, "Refused by the content loader: " + edit.Detail),
            _ => null,
        };
    }
}
