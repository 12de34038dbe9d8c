using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>
/// The forms of <see cref="ITextForms"/>: <c>ask</c> (a question for the moderators, as <c>/ask</c>),
/// <c>answer:ID</c> (a moderator's answer, as <c>/answer ID</c>; the id is the Answer button's) and <c>comment</c>
/// (the comment the bot waits for after "it didn't help", as a typed message), <c>draftedit</c> (a moderator's new
/// title or question of a draft saved answer, as a typed message, after "Edit title" or "Edit question") and a
/// moderator's <c>faq:ID:…</c> edit buttons of <c>/faq</c> (the new title, text or translation, as the text typed
/// after the button's press).
/// </summary>
internal sealed class TextForms(IModerationStore? moderation, DialogOptions options)
{
    public const string Ask = "ask";
    public const string Comment = "comment";
    public const string DraftEdit = "draftedit";

    private const string AskCommand = "ask";
    private const string AnswerCommand = "answer";

    public static string? FormFor(Turn turn) => turn switch
    {
        { Command: AskCommand } when Argument(turn, "question").Length == 0 => Ask,
        { Command: AnswerCommand, IsModerator: true } when Argument(turn, "text").Length == 0 => AnswerFormOf(Argument(turn, "question").ToUpperInvariant()),
        { Action: ActionId.Ask } => Ask,
        { Action: Comment } => Comment,
        { Action: DraftEdit, IsModerator: true } => DraftEdit,
        { Action: { } action, IsModerator: true } => QuestionAnsweredBy(action) is not null || Faq.IsForm(action) ? action : null,
        _ => null,
    };

    public static bool IsForm(string formId) => formId is Ask or Comment or DraftEdit || QuestionAnsweredBy(formId) is not null || Faq.IsForm(formId);

    /// <summary>The line the form's text stands for: a command for <c>ask</c> and <c>answer:ID</c>, the text itself for a comment.</summary>
    public static string? TextOf(string formId, string text)
    {
        if (text.Trim().Length == 0)
            return "";
        if (formId == Ask)
            return CommandLine.Format(AskCommand, new Dictionary<string, string> { ["question"] = text });
        if (QuestionAnsweredBy(formId) is { } question)
            return CommandLine.Format(AnswerCommand, new Dictionary<string, string> { ["question"] = question, ["text"] = text });
        return formId is Comment or DraftEdit || Faq.IsForm(formId) ? text : null;
    }

    public async ValueTask<TextForm?> DescribeAsync(LanguageScreens language, string formId, CancellationToken cancellationToken)
    {
        var texts = language.Texts;
        if (formId == Ask)
            return new TextForm(Ask, texts[TextKey.ButtonAsk], texts[TextKey.ButtonAsk], texts[TextKey.AskPrompt], DialogTable.Find(AskCommand)!.MaxArgumentLength(options.MaxTextLength));
        if (formId == Comment)
            return new TextForm(Comment, texts[TextKey.ButtonFeedback], texts[TextKey.CommentLabel], null, options.MaxTextLength);
        if (formId == DraftEdit)
            return new TextForm(DraftEdit, texts[TextKey.DraftEditLabel], texts[TextKey.DraftEditLabel], null, options.MaxTextLength);
        if (Faq.IsForm(formId))
        {
            var (title, label) = Faq.FormTexts(formId);
            return new TextForm(formId, texts[title], texts[label], null, options.MaxTextLength);
        }
        if (QuestionAnsweredBy(formId) is not { } questionId)
            return null;
        var question = moderation is null ? null : await moderation.FindQuestionAsync(questionId, cancellationToken);
        var room = options.MaxTextLength - ("/" + AnswerCommand + " ").Length - questionId.Length - 1;
        return new TextForm(formId, texts[TextKey.ButtonAnswer] + " " + questionId, texts[TextKey.ButtonAnswer], question?.Text, room);
    }

    private static string Argument(Turn turn, string name) => turn.Arguments?.GetValueOrDefault(name)?.Trim() ?? "";

    /// <summary>The form answering question <paramref name="questionId"/>: the Answer button's action id; null for a malformed id.</summary>
    private static string? AnswerFormOf(string questionId)
    {
        var id = new ActionId(ActionId.AnswerQuestion, questionId, null).ToString();
        return QuestionAnsweredBy(id) is null ? null : id;
    }

    private static string? QuestionAnsweredBy(string id) =>
        ActionId.TryParse(id, out var action) && action is { Verb: ActionId.AnswerQuestion, Target: { } question, Argument: null } ? question : null;
}
