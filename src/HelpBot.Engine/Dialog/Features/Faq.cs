using System.Globalization;
using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.Engine.Storage;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>
/// Moderators manage the saved answers in the chat. <c>/faq</c> lists those their community's users get (its own and
/// the default ones, which have no community) with the languages each has and how often it was served and helped in
/// the last 30 days; a button or <c>/faq ID</c> opens one, whose buttons edit its title or text, add or edit it in
/// another language of the content, or delete it (after a confirmation). An edit button waits for the moderator's
/// next text (Discord: a form), which goes through <see cref="ISavedAnswers"/>, so it applies to the answer as the file
/// has it then. A community's moderators change its own answers; the default ones only the default community's
/// moderators do (they are every community's), the others see them read-only.
/// </summary>
internal sealed class Faq(IContentProvider content, IModerationStore? moderation, ISavedAnswers? answers)
{
    /// <summary>The window of the served and helpful counts.</summary>
    public const int StatsDays = 30;

    /// <summary>Answers with a button in the list: Discord shows at most 5 rows, here of 2.</summary>
    private const int MaxListButtons = 10;

    private const string View = "v";
    private const string Title = "t";
    private const string Text = "x";
    private const string Translate = "n";
    private const string Delete = "d";
    private const string DeleteConfirmed = "dy";

    /// <summary>
    /// <c>faq:ID:op_lang</c> (open, edit the title or text, translate: v, t, x, n with a language of the content) and
    /// <c>faq:ID:d</c>, <c>faq:ID:dy</c> (delete, confirmed); whether the answer exists is the handler's to say.
    /// </summary>
    public static bool IsFaq(TurnContext context, ActionId action) =>
        action.Target is { } id && SavedAnswersFile.IsId(id) && Parse(action.Argument) is { } parsed
        && (parsed.Language is null || context.Book.Catalog.Languages.ContainsKey(parsed.Language));

    public async ValueTask<Reply> FaqCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var visible = Entries().Where(e => IsVisible(context, e)).ToList();
        if (argument.Length > 0)
        {
            var id = argument.Split(' ', 2)[0].ToLowerInvariant();
            return visible.Find(e => e.Id == id) is { } entry
                ? await CardAsync(context, entry, null, null, cancellationToken)
                : Say(context, TextKey.FaqNotFound, ("id", Markup.Escape(id)));
        }
        if (visible.Count == 0)
            return Say(context, TextKey.FaqEmpty);

        var counts = await CountsAsync(context, cancellationToken);
        var text = new StringBuilder(context.Texts.Format(TextKey.FaqList,
            ("count", visible.Count.ToString(CultureInfo.InvariantCulture)), ("days", StatsDays.ToString(CultureInfo.InvariantCulture))));
        foreach (var entry in visible)
        {
            text.Append("\n\n").Append(Line(context, entry, VersionFor(context, entry, null).Answer, counts));
            if (!IsEditable(context, entry))
                text.Append(' ').Append(context.Texts[TextKey.FaqDefaultMark]);
        }
        text.Append("\n\n").Append(context.Texts[TextKey.FaqOpenHint]);
        var buttons = visible.Take(MaxListButtons)
            .Select(e => new Button(VersionFor(context, e, null).Answer.Title, Action(e.Id, View, VersionFor(context, e, null).Language)))
            .Chunk(2)
            .Select(row => (IReadOnlyList<Button>)row)
            .ToList();
        return new Reply(new OutgoingMessage(text.ToString(), buttons));
    }

    /// <summary>A tap on a button of the list or of an answer's card.</summary>
    public async ValueTask<Reply> Action(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (!context.Turn.IsModerator)
            return Say(context, TextKey.ModeratorsOnly);
        var id = action.Target!;
        if (Find(context, id) is not { } entry)
            return Say(context, TextKey.FaqNotFound, ("id", Markup.Escape(id)));
        var (op, language) = Parse(action.Argument)!.Value;
        if (op == View)
            return await CardAsync(context, entry, language, null, cancellationToken);
        if (!IsEditable(context, entry))
            return await CardAsync(context, entry, language, null, cancellationToken);
        if (answers is null)
            return Say(context, TextKey.FaqUnavailable);

        var (shown, answer) = VersionFor(context, entry, language);
        switch (op)
        {
            case Delete:
                return new Reply(new OutgoingMessage(context.Texts.Format(TextKey.FaqDeleteConfirm, ("title", Markup.Escape(answer.Title))),
                [[
                    new Button(context.Texts[TextKey.ButtonFaqDeleteConfirm], Action(id, DeleteConfirmed, null)),
                    new Button(context.Texts[TextKey.ButtonBack], Action(id, View, shown)),
                ]]));
            case DeleteConfirmed:
                return await DeleteAsync(context, entry, answer, cancellationToken);
            case Translate when entry.Versions.ContainsKey(language!):
                // Translated meanwhile: edit that language's text instead.
                Await(context, Awaiting.SavedAnswerText, id, language!);
                return Say(context, TextKey.FaqTextPrompt, ("title", Markup.Escape(entry.Versions[language!].Title)), ("language", LanguageName(context, language!)));
            case Translate:
                Await(context, Awaiting.SavedAnswerTranslation, id, language!);
                return Say(context, TextKey.FaqTranslatePrompt, ("title", Markup.Escape(answer.Title)), ("language", LanguageName(context, language!)));
            case Title when entry.Versions.TryGetValue(language!, out var version):
                Await(context, Awaiting.SavedAnswerTitle, id, language!);
                return Say(context, TextKey.FaqTitlePrompt, ("title", Markup.Escape(version.Title)), ("language", LanguageName(context, language!)),
                    ("max", SavedAnswerTitle.MaxLength.ToString(CultureInfo.InvariantCulture)));
            case Text when entry.Versions.TryGetValue(language!, out var version):
                Await(context, Awaiting.SavedAnswerText, id, language!);
                return Say(context, TextKey.FaqTextPrompt, ("title", Markup.Escape(version.Title)), ("language", LanguageName(context, language!)));
            default:
                // The answer has no text in that language (any more): show what it has.
                return await CardAsync(context, entry, null, null, cancellationToken);
        }
    }

    /// <summary>
    /// Discord's forms stand for an edit button's press and the text typed after it: a moderator's form of an edit
    /// button (<c>faq:ID:t_en</c>, <c>x_en</c>, <c>n_en</c>) sets what the text is for, as the press does elsewhere.
    /// </summary>
    public static bool IsForm(string formId) =>
        ActionId.TryParse(formId, out var action) && action.Verb == ActionId.Faq && action.Target is { } id && SavedAnswersFile.IsId(id)
        && Parse(action.Argument) is (Title or Text or Translate, { });

    /// <summary>The state a form's text is applied in (see <see cref="IsForm"/>); other forms leave it.</summary>
    public static void AwaitForm(TurnContext context, string formId)
    {
        if (!context.Turn.IsModerator || !IsForm(formId) || !ActionId.TryParse(formId, out var action))
            return;
        var (op, language) = Parse(action.Argument)!.Value;
        Await(context, op switch { Title => Awaiting.SavedAnswerTitle, Text => Awaiting.SavedAnswerText, _ => Awaiting.SavedAnswerTranslation }, action.Target!, language!);
    }

    /// <summary>The form's title and field label, in the moderator's language.</summary>
    public static (TextKey Title, TextKey Label) FormTexts(string formId) =>
        ActionId.TryParse(formId, out var action) && Parse(action.Argument) is ({ } op, _)
            ? op switch
            {
                Title => (TextKey.ButtonFaqTitle, TextKey.FaqTitleLabel),
                Text => (TextKey.ButtonFaqText, TextKey.FaqTextLabel),
                _ => (TextKey.ButtonFaqTranslate, TextKey.FaqTranslateLabel),
            }
            : (TextKey.ButtonFaqText, TextKey.FaqTextLabel);

    /// <summary>The moderator's text after an edit button: the new title, text, or title and text in another language.</summary>
    public async ValueTask<Reply> ApplyAsync(TurnContext context, string text, CancellationToken cancellationToken)
    {
        var (awaiting, id, language, sentTitle) = (context.State.Awaiting, context.State.AwaitingSavedAnswer, context.State.AwaitingLanguage, context.State.AwaitingTitle);
        ClearAwaiting(context);
        if (id is null || language is null || !content.Current.Languages.ContainsKey(language))
            return Stale(context);
        if (Find(context, id) is not { } entry)
            return Say(context, TextKey.FaqNotFound, ("id", Markup.Escape(id)));
        if (!IsEditable(context, entry))
            return await CardAsync(context, entry, language, null, cancellationToken);
        if (answers is null)
            return Say(context, TextKey.FaqUnavailable);

        string? title = null;
        string? body = null;
        switch (awaiting)
        {
            case Awaiting.SavedAnswerTitle:
                title = text.Trim();
                break;
            case Awaiting.SavedAnswerText:
                body = text.Trim();
                break;
            case Awaiting.SavedAnswerTranslationText when sentTitle is not null:
                (title, body) = (sentTitle, text.Trim());
                break;
            default:
                var lines = text.Split('\n', 2);
                title = lines[0].Trim();
                body = lines.Length > 1 ? lines[1].Trim() : "";
                if (body.Length > 0)
                    break;
                // The title alone: the text comes next (a form, which holds one text, must have both).
                if (context.Turn.Form is not null)
                    return await CardAsync(context, entry, null, context.Texts[TextKey.FaqTranslateUsage], cancellationToken);
                if (Problem(context, entry, language, title, null) is { } titleProblem)
                    return await CardAsync(context, entry, null, titleProblem, cancellationToken);
                Await(context, Awaiting.SavedAnswerTranslationText, id, language);
                context.Change(s => s.AwaitingTitle = title);
                return Say(context, TextKey.FaqTranslateTextPrompt, ("title", Markup.Escape(title)), ("language", LanguageName(context, language)));
        }
        if (Problem(context, entry, language, title, body) is { } problem)
            return await CardAsync(context, entry, language, problem, cancellationToken);

        var translating = awaiting is Awaiting.SavedAnswerTranslation or Awaiting.SavedAnswerTranslationText;
        var change = await SavedAnswerRules.EditAsync(answers, language, id, title, body, translating, entry.Community, cancellationToken);

        return change.Outcome switch
        {
            SavedAnswerOutcome.Refused => await CardAsync(context, entry, language,
                context.Texts.Format(TextKey.FaqRefused, ("reason", Markup.Escape(change.Detail ?? "—"))), cancellationToken),
            _ when change.Answer is null => Say(context, TextKey.FaqNotFound, ("id", Markup.Escape(id))),
            SavedAnswerOutcome.Unchanged => await CardAsync(context, Find(context, id) ?? entry, language, context.Texts[TextKey.FaqUnchanged], cancellationToken),
            _ => await CardAsync(context, Find(context, id) ?? entry, language, context.Texts[TextKey.FaqSaved], cancellationToken),
        };
    }

    /// <summary>
    /// What the moderator is told before anything is written, in their language: an empty or over-long text or
    /// title, a title of several lines, or one another answer of that language has. The writer checks all of it again
    /// against the file as it is then (a clash with an answer saved meanwhile is refused in the loader's words).
    /// </summary>
    private string? Problem(TurnContext context, SavedAnswerEntry entry, string language, string? title, string? body) =>
        SavedAnswerRules.Check(content.Current, language, entry.Id, title, body, out var other) switch
        {
            SavedAnswerProblem.Empty => context.Texts[TextKey.FaqEmptyText],
            SavedAnswerProblem.TooLong => context.Texts.Format(TextKey.FaqTooLong,
                ("length", body!.Length.ToString(CultureInfo.InvariantCulture)), ("max", ContentLoader.MaxTextLength.ToString(CultureInfo.InvariantCulture))),
            SavedAnswerProblem.TitleInvalid => context.Texts.Format(TextKey.FaqTitleInvalid, ("max", SavedAnswerTitle.MaxLength.ToString(CultureInfo.InvariantCulture))),
            SavedAnswerProblem.TitleTaken => context.Texts.Format(TextKey.FaqTitleTaken, ("title", Markup.Escape(title!)), ("id", other!.Id)),
            _ => null,
        };

    private async ValueTask<Reply> DeleteAsync(TurnContext context, SavedAnswerEntry entry, SavedAnswer shown, CancellationToken cancellationToken)
    {
        var refusals = await SavedAnswerRules.DeleteAsync(answers!, entry, cancellationToken);
        if (refusals.Count > 0 && Find(context, entry.Id) is { } left)
            return await CardAsync(context, left, null, context.Texts.Format(TextKey.FaqRefused, ("reason", Markup.Escape(string.Join("; ", refusals)))), cancellationToken);
        return Say(context, TextKey.FaqDeleted, ("title", Markup.Escape(shown.Title)), ("id", entry.Id));
    }

    /// <summary>One answer in one language, with its figures and, for a moderator who may change it, its buttons.</summary>
    private async ValueTask<Reply> CardAsync(TurnContext context, SavedAnswerEntry entry, string? language, string? note, CancellationToken cancellationToken)
    {
        var (shown, answer) = VersionFor(context, entry, language);
        var counts = await CountsAsync(context, cancellationToken);
        var texts = context.Texts;
        var text = new StringBuilder();
        if (note is not null)
            text.Append(note).Append("\n\n");
        text.Append(Line(context, entry, answer, counts)).Append('\n')
            .Append(texts.Format(TextKey.FaqCommunity, ("community", Markup.Escape(entry.Community ?? texts[TextKey.FaqEveryCommunity]))))
            .Append("\n\n").Append(answer.Answer);
        if (!IsEditable(context, entry))
            return new Reply(new OutgoingMessage(text.Append("\n\n").Append(texts[TextKey.FaqReadOnly]).ToString()));

        var id = entry.Id;
        var others = content.Current.Languages.Keys.Where(l => l != shown)
            .Select(l => entry.Versions.ContainsKey(l)
                ? new Button(texts.Format(TextKey.ButtonFaqLanguage, ("language", LanguageName(context, l))), Action(id, View, l))
                : new Button(texts.Format(TextKey.ButtonFaqAddLanguage, ("language", LanguageName(context, l))), Action(id, Translate, l)))
            .ToList();
        IReadOnlyList<IReadOnlyList<Button>> buttons =
        [
            [new Button(texts[TextKey.ButtonFaqTitle], Action(id, Title, shown)), new Button(texts[TextKey.ButtonFaqText], Action(id, Text, shown))],
            .. others.Chunk(2).Select(row => (IReadOnlyList<Button>)row),
            [new Button(texts[TextKey.ButtonFaqDelete], Action(id, Delete, null))],
        ];
        return new Reply(new OutgoingMessage(text.ToString(), buttons));
    }

    private static string Line(TurnContext context, SavedAnswerEntry entry, SavedAnswer answer, IReadOnlyDictionary<string, SavedAnswerCounts> counts)
    {
        var (served, helpful, notHelpful) = counts.GetValueOrDefault(entry.Id) ?? new SavedAnswerCounts(0, 0, 0);
        var rated = helpful + notHelpful;
        return context.Texts.Format(TextKey.FaqItem,
            ("title", Markup.Escape(answer.Title)),
            ("id", entry.Id),
            ("languages", string.Join(", ", entry.Versions.Keys)),
            ("served", served.ToString(CultureInfo.InvariantCulture)),
            ("rate", rated == 0 ? context.Texts[TextKey.StatsNone]
                : StatsReport.Percent((double)helpful / rated) + " (" + helpful.ToString(CultureInfo.InvariantCulture) + "/" + rated.ToString(CultureInfo.InvariantCulture) + ")"));
    }

    /// <summary>How often each saved answer was served and rated in the moderator's community over the last <see cref="StatsDays"/> days.</summary>
    private ValueTask<IReadOnlyDictionary<string, SavedAnswerCounts>> CountsAsync(TurnContext context, CancellationToken cancellationToken) =>
        SavedAnswerRules.CountsAsync(moderation, context.Turn.Community, context.Now.AddDays(-StatsDays), cancellationToken);

    /// <summary>Every saved answer of the content as it is now (after this turn's changes too), the default language's first.</summary>
    private List<SavedAnswerEntry> Entries() => SavedAnswerRules.Entries(content.Current);

    /// <summary>The answer with this id if the moderator's community gets it; null for one deleted, forged or another community's.</summary>
    private SavedAnswerEntry? Find(TurnContext context, string id) => Entries().Find(e => e.Id == id && IsVisible(context, e));

    private static bool IsVisible(TurnContext context, SavedAnswerEntry entry) => entry.IsVisibleTo(context.Turn.Community);

    private static bool IsEditable(TurnContext context, SavedAnswerEntry entry) => entry.IsEditableBy(context.Turn.Community);

    /// <summary>The answer in <paramref name="language"/>, else in the moderator's language, else in its first one.</summary>
    private static (string Language, SavedAnswer Answer) VersionFor(TurnContext context, SavedAnswerEntry entry, string? language)
    {
        foreach (var wanted in new[] { language, context.Language.Code })
        {
            if (wanted is not null && entry.Versions.TryGetValue(wanted, out var answer))
                return (wanted, answer);
        }
        var first = entry.Versions.First();
        return (first.Key, first.Value);
    }

    private static string LanguageName(TurnContext context, string language) =>
        context.Book.Languages.TryGetValue(language, out var screens) ? screens.Texts[TextKey.LanguageName] : language;

    private static void Await(TurnContext context, Awaiting awaiting, string id, string language) =>
        context.Change(s =>
        {
            s.Awaiting = awaiting;
            s.AwaitingSavedAnswer = id;
            s.AwaitingLanguage = language;
        });

    private static string Action(string id, string op, string? language) =>
        new ActionId(ActionId.Faq, id, language is null ? op : op + "_" + language).ToString();

    /// <summary>The operation and language of a button's argument; null for one of no known shape.</summary>
    private static (string Op, string? Language)? Parse(string? argument) => argument switch
    {
        Delete or DeleteConfirmed => (argument, null),
        [var op, '_', .. var language] when op is 'v' or 't' or 'x' or 'n' && language.Length > 0 => (op.ToString(), language),
        _ => null,
    };
}
