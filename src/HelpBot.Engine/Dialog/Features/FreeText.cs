using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;
using static HelpBot.Engine.Dialog.DialogBasics;
using static HelpBot.Engine.Dialog.Features.Walkthrough;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>
/// Text that is not a command: an answer or question the bot waits for, a walkthrough word ("дальше"), or a
/// question in the user's own words, answered with the guide section the understanding reads in it, or with
/// the sections it may mean when it is not sure, or with small talk's reply (a request for a person passes the text to
/// the moderators), or with a moderators' saved answer (<see cref="SavedAnswers"/>), offered by its title when not sure. Under such an answer, "not what I asked" offers the others and passes the text to the moderators;
/// when there is no answer, one button passes it as typed.
/// </summary>
internal sealed class FreeText(ITextUnderstanding understanding, Questions questions, GuideFeedback feedback, AnswerDrafts drafts, Faq faq, DialogOptions options)
{
    private readonly ITextUnderstanding _understanding = understanding;

    /// <summary><c>topic:guide:kind_id</c>, the section one of that guide.</summary>
    public static bool IsTopic(TurnContext context, ActionId action) =>
        action.Target is { } g && context.Language.Guides.TryGetValue(g, out var screens)
        && action.Argument is { } topic && screens.TopicOf(topic) is not null;

    /// <summary><c>misread:guide:n</c> and <c>sendread:guide:n</c>: n a number of a free-text answer (an older one is refused later).</summary>
    public static bool IsRead(TurnContext context, ActionId action) =>
        action.Target is { } g && context.Language.Guides.ContainsKey(g)
        && int.TryParse(action.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1;

    public async ValueTask<Reply> HandleTextAsync(TurnContext context, string text, CancellationToken cancellationToken)
    {
        if (context.Turn is { IsModerator: true, ReplyToMessageId: { } repliedTo }
            && await questions.AnswerByReplyAsync(context, repliedTo, text, cancellationToken) is { } answered)
        {
            return answered;
        }

        switch (context.State.Awaiting)
        {
            case Awaiting.Answer when context.Turn.IsModerator && context.State.AwaitingQuestion is { } questionId:
                ClearAwaiting(context);
                return await questions.AnswerAsync(context, questionId, text, cancellationToken);
            case Awaiting.DraftTitle or Awaiting.DraftExample when context.Turn.IsModerator && context.State.AwaitingQuestion is { } draftQuestion:
                return await drafts.EditAsync(context, draftQuestion, text, cancellationToken);
            case Awaiting.SavedAnswerTitle or Awaiting.SavedAnswerText or Awaiting.SavedAnswerTranslation or Awaiting.SavedAnswerTranslationText when context.Turn.IsModerator:
                return await faq.ApplyAsync(context, text, cancellationToken);
            case Awaiting.Question:
                return questions.SaveQuestion(context, text);
            case Awaiting.FeedbackComment:
                return await feedback.SaveCommentAsync(context, text, cancellationToken);
            default:
                return TypedStep(context, text) ?? Understand(context, text);
        }
    }

    /// <summary>
    /// "дальше" or "назад" typed during the walkthrough moves it as its buttons do (the last step's "next" finishes
    /// it); outside the walkthrough such words are ordinary text. It may be one clause among others ("ок, сделано, что
    /// дальше?", "I did it, what now?") when the others neither ask (a question mark) nor say anything the guide
    /// answers: "ок, а что будет с заказами?" is answered as "а что будет с заказами". "Back" wins over a "next" word
    /// beside it ("ок, назад", "ok, go back": an acknowledgement, then the wish), and at the first sub-step shows it
    /// again, as there is nothing before it.
    /// </summary>
    private Reply? TypedStep(TurnContext context, string text)
    {
        var step = context.State.Step;
        if (step < 1 || step > context.Guide.StepCount)
            return null;
        var language = context.Language;
        var (nextWords, backWords) = (context.Book.NextWords, context.Book.BackWords);
        var clauses = TypedWords.Clauses(text);
        var back = clauses.Any(c => backWords.Contains(c.Typed));
        var next = !back && clauses.Any(c => nextWords.Contains(c.Typed));
        if (!next && !back)
            return null;
        var others = clauses.Where(c => !nextWords.Contains(c.Typed) && !backWords.Contains(c.Typed)).ToArray();
        if (others.Length > 0)
        {
            // The other clauses are answered instead when they ask something, or say something the guide knows.
            var rest = string.Join(", ", others.Select(c => c.Text));
            var reading = _understanding.Understand(rest, language.Code, NearTopic(context), context.Turn.Community);
            if (reading.Match is not null || others.Any(c => c.IsQuestion))
                return Answer(context, rest, reading);
        }
        return next
            ? step < context.Guide.StepCount ? AsNewMessage(ShowStep(context, step + 1, fresh: true)) : Finish(context)
            : AsNewMessage(ShowStep(context, Math.Max(step - 1, 1), fresh: true));
    }

    /// <summary>Keeps the section a reply shows, for reading the user's next free text in its light; a reply showing none leaves it.</summary>
    public static void RememberShown(TurnContext context, Reply reply)
    {
        if (reply.Shows is { } topic
            && context.Language.Guides.TryGetValue(topic.Guide, out var guide)
            && guide.ArgumentOf(topic) is { } shown
            && shown != context.State.ShownTopic)
        {
            context.Change(s => s.ShownTopic = shown);
        }
    }

    /// <summary>The section the user was last shown, if it still exists in their guide.</summary>
    private static Topic? NearTopic(TurnContext context) =>
        context.State.ShownTopic is { } shown ? context.Guide.TopicOf(shown) : null;

    public Reply Understand(TurnContext context, string text) =>
        Answer(context, text, _understanding.Understand(text, context.Language.Code, NearTopic(context), context.Turn.Community));

    /// <summary>
    /// The answer to a reading, in the language the text is written in when the user has not chosen one, with a
    /// button back to the language answered in before when that changed.
    /// </summary>
    private Reply Answer(TurnContext context, string text, TextReading reading)
    {
        var before = LanguageChoice.FollowText(context, reading.Language);
        var reply = AnswerIn(context, text, reading);
        return before is null ? reply : LanguageChoice.WithKeepButton(reply, before);
    }

    /// <summary>
    /// The section or small talk a reading answers with, or, when it is not sure, the sections it offers with a button
    /// that passes the text to the moderators as typed (the text is recorded as unmatched).
    /// </summary>
    private Reply AnswerIn(TurnContext context, string text, TextReading reading)
    {
        if (reading.Match is { Topic: { Kind: TopicKind.SmallTalk, Id: { } intent } } && context.Language.SmallTalk.TryGetValue(intent, out var talk))
            return SmallTalk(context, text, talk);
        if (reading.Match is { Topic: { Kind: TopicKind.Saved, Id: { } savedId } } saved && SavedAnswers.Find(context, savedId) is { } answer)
        {
            var argument = SavedAnswers.ArgumentOf(answer.Id);
            if (saved.Confidence < options.ReviewConfidence)
                context.Record(DialogEventKind.Unsure, text: text, topic: argument);
            return WithMisreadButton(context, context.Guide, text, argument, SavedAnswers.Serve(context, answer));
        }
        if (reading.Match is { } match
            && context.Language.Guides.TryGetValue(match.Topic.Guide, out var guide)
            && TopicReply(context, guide, match.Topic) is { } reply)
        {
            if (match.Confidence < options.ReviewConfidence)
                context.Record(DialogEventKind.Unsure, text: text, topic: guide.ArgumentOf(match.Topic));
            return WithMisreadButton(context, guide, text, guide.ArgumentOf(match.Topic), reply);
        }
        // Moderators see what the bot could not answer outright, even when the user then picks an offered section.
        context.Record(DialogEventKind.Unmatched, text: text);
        var send = new Button(context.Texts[TextKey.ButtonSendQuestion], GuideScreens.Action(ActionId.SendRead, context.GuideId, RememberRead(context, text, topic: null)));
        var offered = OfferRows(context, reading.Suggestions);
        return offered.Count == 0
            ? new Reply(new OutgoingMessage(context.Texts[TextKey.NotUnderstood], [[send], .. context.Guide.MenuButtons]))
            : new Reply(new OutgoingMessage(context.Texts[TextKey.NotSure], [.. offered, [send, .. context.Guide.MenuRow]]));
    }

    /// <summary>Small talk's reply with the menu; a request for a person also passes the text to the moderators as a question.</summary>
    private Reply SmallTalk(TurnContext context, string text, SmallTalkIntent talk)
    {
        if (!talk.Handoff)
            return new Reply(new OutgoingMessage(talk.Reply, context.Guide.MenuButtons));
        var saved = questions.SaveQuestion(context, text);
        return saved with { Messages = [new OutgoingMessage(talk.Reply), .. saved.Messages] };
    }

    /// <summary>
    /// Keeps a free text the user may want passed to the moderators or read again ("not what I asked"), under a new
    /// number that the buttons referring to it carry, so an older answer's button is refused.
    /// </summary>
    private static int RememberRead(TurnContext context, string text, string? topic)
    {
        var number = context.State.ReadNumber == int.MaxValue ? 1 : context.State.ReadNumber + 1;
        context.Change(s =>
        {
            s.ReadText = text;
            s.ReadNumber = number;
            s.ReadTopic = topic;
            s.ReadDisputed = false;
        });
        return number;
    }

    /// <summary>The buttons opening offered sections or giving offered saved answers, one a row, at most <see cref="MaxOffers"/>.</summary>
    private static List<IReadOnlyList<Button>> OfferRows(TurnContext context, IEnumerable<Topic> topics) =>
        topics.Select(t => t is { Kind: TopicKind.Saved, Id: { } id }
                ? SavedAnswers.Find(context, id) is { } answer ? SavedAnswers.OfferButton(answer) : null
                : context.Language.Guides.TryGetValue(t.Guide, out var screens) ? screens.TopicButton(t) : null)
            .OfType<Button>()
            .Distinct()
            .Take(MaxOffers)
            .Select(b => (IReadOnlyList<Button>)[b])
            .ToList();

    /// <summary>Most sections offered at once: more buttons would bury the menu.</summary>
    private const int MaxOffers = 3;

    /// <summary>
    /// A free-text answer is the understanding's best guess, so it carries "not what I asked": the bot then offers the
    /// other sections the text may mean and passes it to the moderators on request, and moderators see it among
    /// the unmatched texts. The button is numbered, so an older answer's button is refused.
    /// </summary>
    private static Reply WithMisreadButton(TurnContext context, GuideScreens guide, string text, string? topic, Reply reply)
    {
        var number = RememberRead(context, text, topic);
        var button = new Button(context.Texts[TextKey.ButtonMisread], GuideScreens.Action(ActionId.Misread, guide.Guide.Id, number));
        var last = reply.Messages[^1];
        return reply with { Messages = [.. reply.Messages.SkipLast(1), last with { Buttons = [.. last.Buttons, [button]] }] };
    }

    /// <summary>The free text a misread button refers to, or null when the button is older than the last answer or it was passed on.</summary>
    private static string? ReadOf(TurnContext context, ActionId action) =>
        int.TryParse(action.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number == context.State.ReadNumber
            ? context.State.ReadText
            : null;

    /// <summary>
    /// "Not what I asked": the sections the text may mean besides the one answered (read afresh, without the section
    /// shown before it), and passing it to the moderators. The text is recorded as unmatched once.
    /// </summary>
    public ValueTask<Reply> MisreadAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        ClearAwaiting(context);
        if (ReadOf(context, action) is not { } text)
            return ValueTask.FromResult(Stale(context));
        if (!context.State.ReadDisputed)
        {
            context.Record(DialogEventKind.Unmatched, text: text, topic: context.State.ReadTopic);
            context.Change(s => s.ReadDisputed = true);
        }
        var guide = context.Guide;
        var answered = context.State.ReadTopic is { } argument ? SavedAnswers.TopicOf(argument) ?? guide.TopicOf(argument) : null;
        var reading = _understanding.Understand(text, context.Language.Code, near: null, context.Turn.Community);
        IEnumerable<Topic> readings = reading.Match is { } match ? [match.Topic, .. reading.Suggestions] : reading.Suggestions;
        var catalog = context.Book.Catalog;
        var offered = OfferRows(context, readings.Where(t => answered is not { } shown || TopicNames.Answer(t, catalog) != TopicNames.Answer(shown, catalog)));
        var send = new Button(context.Texts[TextKey.ButtonSendQuestion], GuideScreens.Action(ActionId.SendRead, guide.Guide.Id, context.State.ReadNumber));
        return ValueTask.FromResult(new Reply(new OutgoingMessage(
            context.Texts[offered.Count > 0 ? TextKey.Misread : TextKey.MisreadNoOffers],
            [.. offered, [send, .. guide.MenuRow]])));
    }

    /// <summary>Passes the misread free text to the moderators as the user's question, once.</summary>
    public ValueTask<Reply> SendReadAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (ReadOf(context, action) is not { } text)
            return ValueTask.FromResult(Stale(context));
        context.Change(s => s.ReadText = null);
        return ValueTask.FromResult(questions.SaveQuestion(context, text));
    }

    /// <summary>
    /// A section offered when the bot was not sure what a message meant (or after "not what I asked"), opened as if it
    /// had understood it. The user's choice is proposed to the moderators' review queue as a label for the text.
    /// </summary>
    public static ValueTask<Reply> TopicAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        var guide = context.Language.Guides[action.Target!];
        ClearAwaiting(context);
        if (context.State is { ReadText: { } text } && (context.State.ReadDisputed || context.State.ReadTopic is null))
            context.Record(DialogEventKind.Chosen, text: text, topic: action.Argument);
        return ValueTask.FromResult(TopicReply(context, guide, guide.TopicOf(action.Argument!)!.Value) ?? NoSection(context));
    }

    private static Reply? TopicReply(TurnContext context, GuideScreens guide, Topic topic)
    {
        if (guide.Guide.Id != context.GuideId)
            context.Change(s => s.Guide = guide.Guide.Id);
        return topic.Kind switch
        {
            TopicKind.Overview => guide.Overview,
            TopicKind.Consequences => guide.Consequences,
            TopicKind.Consequence => topic.Id is { } id ? guide.ConsequenceItems.GetValueOrDefault(id) : null,
            TopicKind.Refunds => guide.Refunds,
            TopicKind.Part or TopicKind.Step => guide.StepNumberOf(topic) is { } number
                ? AsNewMessage(ShowStep(context, number, fresh: true))
                : null,
            TopicKind.Done => guide.DoneInfo,
            TopicKind.Reasons => guide.Reasons,
            TopicKind.Reason => topic.Id is { } id ? guide.ReasonItems.GetValueOrDefault(id) : null,
            _ => null,
        };
    }
}
