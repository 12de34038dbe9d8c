using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.Engine.Storage;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>
/// A moderator's answer saved as the bot's own. Under the confirmation of an answer (<c>/answer</c>, a reply to the
/// question's post, the Answer button or form) one tap opens a draft: a title (by default the question, cut to fit a
/// button), the question as the first example, the answer and its language. The moderator may edit the title and the
/// question (to remove personal details: the next text replaces it), then saves it through <see cref="ISavedAnswers"/>
/// with no user id, under an id made from the question's, for the question's community (every one for the default).
/// The draft lives in the moderator's state, its text in the question record, so it survives between turns.
/// </summary>
internal sealed class AnswerDrafts(IModerationStore? moderation, ISavedAnswers? savedAnswers)
{
    public const string Save = "save";
    public const string EditTitle = "title";
    public const string EditQuestion = "question";
    public const string Cancel = "cancel";

    private bool CanSave => moderation is not null && savedAnswers is not null;

    /// <summary>The id a question's saved answer gets: the question's, lower-cased (<c>Q7K2MX</c> → <c>q7k2mx</c>).</summary>
    public static string SavedIdOf(Question question) => BotAnswers.SavedIdOf(question);

    /// <summary>
    /// Under a moderator's answer: the button opening the draft, where saving is possible and the question's language
    /// exists. It is the first row of the last message (beside filing the question under a section, the other way to
    /// teach the bot), so that the message a moderator acts on holds every choice.
    /// </summary>
    public Reply OfferSaving(TurnContext context, Question question, Reply reply)
    {
        if (!CanSave || !context.Book.Languages.ContainsKey(question.Language) || !SavedAnswersFile.IsId(SavedIdOf(question)) || reply.Messages.Count == 0)
            return reply;
        var last = reply.Messages[^1];
        var button = new Button(context.Texts[TextKey.ButtonSaveAnswer], ActionOf(question.Id, null));
        return reply with { Messages = [.. reply.Messages.SkipLast(1), last with { Buttons = [[button], .. last.Buttons] }] };
    }

    /// <summary><c>draft:question</c> and <c>draft:question:save|title|question|cancel</c>, question a question id.</summary>
    public static bool IsDraftAction(TurnContext context, ActionId action) =>
        action.Target is { Length: > 1 and <= 16 } target && target.All(char.IsAsciiLetterOrDigit)
        && action.Argument is null or Save or EditTitle or EditQuestion or Cancel;

    public async ValueTask<Reply> Action(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (!context.Turn.IsModerator)
            return Say(context, TextKey.ModeratorsOnly);
        if (!CanSave)
            return Say(context, TextKey.SavedAnswerUnavailable);
        var questionId = action.Target!.ToUpperInvariant();
        if (await FindAnsweredAsync(context, questionId, cancellationToken) is not { } question)
            return Say(context, TextKey.QuestionNotFound, ("id", Markup.Escape(questionId)));
        if (Existing(context, question) is { } saved)
        {
            // Saved already (by this draft's Save, an older draft's, or another moderator): nothing is saved twice.
            CloseDraft(context, question.Id);
            return Say(context, TextKey.SavedAnswerExists, ("title", Markup.Escape(saved.Title)), ("id", question.Id));
        }
        if (action.Argument is null)
        {
            ClearAwaiting(context);
            if (context.State.DraftQuestion != question.Id)
            {
                context.Change(s =>
                {
                    s.DraftQuestion = question.Id;
                    s.DraftTitle = null;
                    s.DraftExample = null;
                });
            }
            return Show(context, question, null);
        }
        // The buttons of a draft act only while it is the one open: a closed draft's edits are gone, and saving it
        // without them could save what the moderator removed.
        if (context.State.DraftQuestion != question.Id)
            return Say(context, TextKey.DraftClosed);
        switch (action.Argument)
        {
            case Cancel:
                ClearAwaiting(context);
                CloseDraft(context, question.Id);
                return Say(context, TextKey.DraftCancelled);
            case EditTitle:
                return Prompt(context, question, Awaiting.DraftTitle, context.Texts.Format(TextKey.DraftTitlePrompt,
                    ("max", SavedAnswerTitle.MaxLength.ToString(CultureInfo.InvariantCulture)), ("title", Markup.Escape(TitleOf(context, question)))));
            case EditQuestion:
                return Prompt(context, question, Awaiting.DraftExample, context.Texts.Format(TextKey.DraftQuestionPrompt, ("question", Markup.Escape(ExampleOf(context, question)))));
            default:
                return await SaveAsync(context, question, cancellationToken);
        }
    }

    /// <summary>The text a moderator typed after "Edit title" or "Edit question": it replaces that part of the draft.</summary>
    public async ValueTask<Reply> EditAsync(TurnContext context, string questionId, string text, CancellationToken cancellationToken)
    {
        var field = context.State.Awaiting;
        if (!CanSave || context.State.DraftQuestion != questionId || await FindAnsweredAsync(context, questionId, cancellationToken) is not { } question)
        {
            ClearAwaiting(context);
            return Say(context, TextKey.DraftClosed);
        }
        var line = OneLine(text);
        if (field == Awaiting.DraftTitle)
        {
            var title = SavedAnswerTitle.From(line);
            // A typed title is taken as it is or not at all: cut, it would not say what the moderator wrote.
            if (BotAnswers.TitleTooLong(line))
                return TooLong(context, line.Length, SavedAnswerTitle.MaxLength);
            if (TitleTaken(context, question, title))
                return Say(context, TextKey.DraftTitleTaken, ("title", Markup.Escape(title)));
            context.Change(s => s.DraftTitle = title);
        }
        else
        {
            if (line.Length > ExamplesFile.MaxMessageLength)
                return TooLong(context, line.Length, ExamplesFile.MaxMessageLength);
            context.Change(s => s.DraftExample = line);
        }
        ClearAwaiting(context);
        return Show(context, question, null);
    }

    private async ValueTask<Reply> SaveAsync(TurnContext context, Question question, CancellationToken cancellationToken)
    {
        ClearAwaiting(context);
        var example = ExampleOf(context, question);
        if (example.Length > ExamplesFile.MaxMessageLength)
        {
            context.Change(s =>
            {
                s.Awaiting = Awaiting.DraftExample;
                s.AwaitingQuestion = question.Id;
            });
            return TooLong(context, example.Length, ExamplesFile.MaxMessageLength);
        }
        var title = TitleOf(context, question);
        if (TitleTaken(context, question, title))
            return Show(context, question, context.Texts.Format(TextKey.DraftTitleTaken, ("title", Markup.Escape(title))));

        var id = SavedIdOf(question);
        var change = await BotAnswers.SaveAsync(savedAnswers!, question, title, example, cancellationToken);
        switch (change.Outcome)
        {
            case SavedAnswerOutcome.Changed:
                CloseDraft(context, question.Id);
                return Say(context, TextKey.SavedAnswerSaved, ("title", Markup.Escape(title)), ("id", id), ("language", LanguageName(context, question)));
            case SavedAnswerOutcome.Unchanged:
                CloseDraft(context, question.Id);
                return Say(context, TextKey.SavedAnswerExists, ("title", Markup.Escape(change.Answer?.Title ?? title)), ("id", question.Id));
            default:
                return Show(context, question, context.Texts.Format(TextKey.SavedAnswerRefused, ("reason", Markup.Escape(change.Detail ?? ""))));
        }
    }

    /// <summary>The draft as it stands, with its buttons, after <paramref name="before"/> (why it is shown again).</summary>
    private static Reply Show(TurnContext context, Question question, string? before)
    {
        var texts = context.Texts;
        var text = texts.Format(TextKey.DraftShown,
            ("language", LanguageName(context, question)),
            ("title", Markup.Escape(TitleOf(context, question))),
            ("question", Markup.Escape(ExampleOf(context, question))),
            ("answer", Markup.Escape(question.Answer!)));
        return new Reply(new OutgoingMessage(before is null ? text : before + "\n\n" + text,
        [
            [new Button(texts[TextKey.ButtonSave], ActionOf(question.Id, Save))],
            [new Button(texts[TextKey.ButtonEditTitle], ActionOf(question.Id, EditTitle)), new Button(texts[TextKey.ButtonEditQuestion], ActionOf(question.Id, EditQuestion))],
            [new Button(texts[TextKey.ButtonCancel], ActionOf(question.Id, Cancel))],
        ]));
    }

    /// <summary>Waits for the moderator's next text; where one cannot just type (Discord), a button opens a form for it.</summary>
    private static Reply Prompt(TurnContext context, Question question, Awaiting field, string prompt)
    {
        context.Change(s =>
        {
            s.Awaiting = field;
            s.AwaitingQuestion = question.Id;
        });
        return new Reply(new OutgoingMessage(prompt, [[new Button(context.Texts[TextKey.ButtonCancel], ActionOf(question.Id, Cancel))]]))
        {
            OffersForm = new FormOffer(TextForms.DraftEdit, context.Texts[TextKey.DraftEditLabel]),
        };
    }

    private static Reply TooLong(TurnContext context, int length, int max) =>
        Say(context, TextKey.DraftTooLong, ("length", length.ToString(CultureInfo.InvariantCulture)), ("max", max.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The question as the draft has it: the moderator's edit, or the asked text on one line.</summary>
    private static string ExampleOf(TurnContext context, Question question) => context.State.DraftExample ?? OneLine(question.Text);

    /// <summary>The title as the draft has it: the moderator's, or made from the draft's question (so an edit that removes a name removes it here too).</summary>
    private static string TitleOf(TurnContext context, Question question) => context.State.DraftTitle ?? SavedAnswerTitle.From(ExampleOf(context, question));

    private static string OneLine(string text) => BotAnswers.OneLine(text);

    /// <summary>Another saved answer of the language has this title (titles label buttons, so each must differ).</summary>
    private static bool TitleTaken(TurnContext context, Question question, string title) => BotAnswers.TitleTaken(context.Book, question, title);

    private static SavedAnswer? Existing(TurnContext context, Question question) =>
        context.Book.Languages.TryGetValue(question.Language, out var language) ? language.SavedAnswers.GetValueOrDefault(SavedIdOf(question)) : null;

    private static string LanguageName(TurnContext context, Question question) =>
        context.Book.Languages.TryGetValue(question.Language, out var language) ? language.Texts[TextKey.LanguageName] : question.Language;

    private static void CloseDraft(TurnContext context, string questionId)
    {
        if (context.State.DraftQuestion == questionId)
        {
            context.Change(s =>
            {
                s.DraftQuestion = null;
                s.DraftTitle = null;
                s.DraftExample = null;
            });
        }
    }

    /// <summary>The moderator's community's question, answered (a draft is made from its answer), or null.</summary>
    private async ValueTask<Question?> FindAnsweredAsync(TurnContext context, string id, CancellationToken cancellationToken) =>
        await moderation!.FindQuestionAsync(id, cancellationToken) is { Status: QuestionStatus.Answered, Answer: not null } question
        && question.Community == context.Turn.Community && context.Book.Languages.ContainsKey(question.Language)
            ? question
            : null;

    private static string ActionOf(string questionId, string? argument) => new ActionId(ActionId.Draft, questionId, argument).ToString();
}
