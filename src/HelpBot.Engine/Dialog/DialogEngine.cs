using System.Globalization;
using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpBot.Engine.Dialog;

/// <summary>
/// The one dialog engine every channel talks to: a turn in, a reply out.
/// Commands are found by name and buttons by the verb of their action id, like Discord.Net's
/// interaction framework; each handler is a small method below.
/// </summary>
public sealed partial class DialogEngine : IDialogEngine
{
    private delegate ValueTask<Reply> CommandHandler(TurnContext context, string argument, CancellationToken cancellationToken);

    private delegate ValueTask<Reply> ActionHandler(TurnContext context, ActionId action, CancellationToken cancellationToken);

    private readonly IContentProvider _content;
    private readonly IConversationStore _store;
    private readonly ITextUnderstanding _understanding;
    private readonly TimeProvider _time;
    private readonly DialogOptions _options;
    private readonly IModerationStore? _moderation;
    private readonly ModerationOptions _moderationOptions;
    private readonly IReportRenderer? _reports;
    private readonly IContentReloader? _reloader;
    private readonly ILogger _logger;
    private readonly UserLocks _locks = new();
    private readonly Dictionary<string, CommandHandler> _commands;
    private readonly Dictionary<string, ActionHandler> _actions;
    private volatile ScreenBook _book;

    public DialogEngine(
        IContentProvider content,
        IConversationStore store,
        ITextUnderstanding? understanding = null,
        TimeProvider? time = null,
        DialogOptions? options = null,
        ILogger<DialogEngine>? logger = null,
        IModerationStore? moderation = null,
        ModerationOptions? moderationOptions = null,
        IReportRenderer? reports = null,
        IContentReloader? reloader = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        _content = content;
        _store = store;
        _understanding = understanding ?? new NoTextUnderstanding();
        _time = time ?? TimeProvider.System;
        _options = options ?? new DialogOptions();
        _logger = logger ?? NullLogger<DialogEngine>.Instance;
        _moderation = moderation ?? store as IModerationStore;
        _moderationOptions = moderationOptions ?? new ModerationOptions();
        _reports = reports;
        _reloader = reloader;
        _book = new ScreenBook(content.Current);
        content.Changed += catalog => _book = new ScreenBook(catalog);

        _commands = new(StringComparer.Ordinal)
        {
            ["start"] = (c, _, _) => Done(c.Guide.Start, c, clearAwaiting: true),
            ["help"] = HelpCommand,
            ["menu"] = (c, _, _) => Done(c.Guide.Menu, c, clearAwaiting: true),
            ["consequences"] = (c, _, _) => Done(ConsequencesScreen(c), c, clearAwaiting: true),
            ["steps"] = (c, _, _) => Done(Resume(c), c, clearAwaiting: true),
            ["reasons"] = (c, _, _) => Done(ReasonsScreen(c), c, clearAwaiting: true),
            ["feedback"] = (c, _, _) => Done(c.Guide.FeedbackQuestion, c, clearAwaiting: true),
            ["ask"] = AskCommand,
            ["language"] = LanguageCommand,
            ["forget"] = ForgetCommand,
        };
        _actions = new(StringComparer.Ordinal)
        {
            [ActionId.Menu] = (c, _, _) => Done(c.Guide.Menu, c, clearAwaiting: true),
            [ActionId.Help] = (c, _, _) => Done(c.Guide.Help, c, clearAwaiting: true),
            [ActionId.Consequences] = (c, _, _) => Done(ConsequencesScreen(c), c),
            [ActionId.Accept] = AcceptAction,
            [ActionId.Resume] = (c, _, _) => Done(Resume(c), c),
            [ActionId.Step] = StepAction,
            [ActionId.Done] = (c, _, _) => Done(Finish(c), c),
            [ActionId.Reasons] = (c, _, _) => Done(ReasonsScreen(c), c),
            [ActionId.Feedback] = FeedbackAction,
            [ActionId.Skip] = SkipAction,
            [ActionId.Ask] = (c, _, ct) => AskCommand(c, "", ct),
            [ActionId.Language] = (c, a, ct) => LanguageCommand(c, a.Target ?? "", ct),
            [ActionId.Guide] = (c, _, _) => Done(c.Guide.Menu, c, clearAwaiting: true),
            [ActionId.Topic] = TopicAction,
            [ActionId.Misread] = MisreadAction,
            [ActionId.SendRead] = SendReadAction,
        };
        RegisterModeration();
    }

    /// <summary>Handles one turn. Never throws for bad input: a failure is logged and answered with an apology, and nothing is written.</summary>
    public async ValueTask<Reply> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        using var userLock = await _locks.AcquireAsync(turn.UserKey, cancellationToken);
        // Another instance sharing the store may commit the same user's turn in between: then this one runs again on
        // the state it left (or finds the delivery handled). The lock above makes that rare within one instance.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await HandleLockedAsync(turn, lastAttempt: attempt == MaxConflictRetries, cancellationToken);
            }
            catch (TurnConflictException)
            {
                // Nothing was written: run the turn again.
            }
        }
    }

    private const int MaxConflictRetries = 5;

    private async ValueTask<Reply> HandleLockedAsync(Turn turn, bool lastAttempt, CancellationToken cancellationToken)
    {
        var book = _book;
        UserState? stored = null;
        try
        {
            if (turn.DeliveryId is { } delivery && await _store.WasHandledAsync(delivery, cancellationToken))
                return Reply.Empty;
            stored = await _store.FindUserAsync(turn.UserKey, cancellationToken);
            var state = stored ?? new UserState { Key = turn.UserKey };
            var context = new TurnContext(turn, state, book, book.LanguageFor(state.Language, turn.Locale), _time.GetUtcNow());
            // Moderators at work are not users of the guide: their first command is not counted as one.
            if (stored is null && !turn.IsModerator)
                context.Record(DialogEventKind.Started);
            var reply = turn.Action is not null
                ? await HandleActionAsync(context, turn.Action, cancellationToken)
                : await HandleTextAsync(context, turn.Text ?? "", cancellationToken);
            RememberShown(context, reply);

            context.Changes.DeliveryId = turn.DeliveryId;
            var queued = turn.ReplyRoute?.Queue(turn, reply, context.Now) ?? [];
            if (context.Forgotten)
            {
                // Nothing of the user stays but the handled delivery and the farewell on its way.
                var farewell = new TurnChanges { DeliveryId = turn.DeliveryId };
                farewell.Outbox.AddRange(queued);
                if (!farewell.IsEmpty)
                    await _store.CommitAsync(farewell, cancellationToken);
            }
            else
            {
                if (context.StateChanged || stored is null)
                {
                    state.UpdatedAt = context.Now;
                    context.Changes.State = state;
                }
                context.Changes.Outbox.AddRange(queued);
                if (!context.Changes.IsEmpty)
                    await _store.CommitAsync(context.Changes, cancellationToken);
            }
            if (queued.Count > 0)
                reply = reply with { Messages = reply.Messages.Take(turn.ReplyRoute!.SentDirectly).ToArray(), Queued = queued.Count };
            return reply;
        }
        catch (Exception ex) when ((ex is not TurnConflictException || lastAttempt) && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            Log.TurnFailed(_logger, ex, turn.Channel, turn.Action is null ? "text" : "button");
            var language = book.LanguageFor(stored?.Language, turn.Locale);
            return new Reply(new OutgoingMessage(language.Texts[TextKey.InternalError]));
        }
    }

    private async ValueTask<Reply> HandleActionAsync(TurnContext context, string raw, CancellationToken cancellationToken)
    {
        if (ActionId.TryParse(raw, out var action)
            && _actions.TryGetValue(action.Verb, out var handler)
            && TargetIsValid(context, action))
        {
            // Buttons carry their guide, so a press from an older message acts on the guide it was shown for.
            if (action.Target is { } guide && guide != context.State.Guide && action.Verb is not ActionId.Language && context.Language.Guides.ContainsKey(guide))
                context.Change(s => s.Guide = guide);
            return await handler(context, action, cancellationToken);
        }
        Log.RejectedAction(_logger, context.Turn.Channel, raw.Length);
        return Stale(context);
    }

    /// <summary>Forged or outdated ids name guides, steps or answers that do not exist; they are refused, not guessed.</summary>
    private static bool TargetIsValid(TurnContext context, ActionId action) => action.Verb switch
    {
        ActionId.Language => action.Argument is null && (action.Target is null || context.Book.Languages.ContainsKey(action.Target)),
        ActionId.Menu or ActionId.Help or ActionId.Ask or ActionId.Skip => action.Target is null && action.Argument is null,
        ActionId.Step => action.Target is { } g && context.Language.Guides.TryGetValue(g, out var screens)
                         && int.TryParse(action.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                         && n >= 1 && n <= screens.StepCount,
        ActionId.AnswerQuestion => action.Target is not null && action.Argument is null,
        ActionId.RateAnswer => action.Target is not null && action.Argument is "yes" or "no",
        ActionId.Feedback => action.Target is { } g && context.Language.Guides.ContainsKey(g) && action.Argument is null or "yes" or "no",
        ActionId.Topic => action.Target is { } g && context.Language.Guides.TryGetValue(g, out var screens)
                          && action.Argument is { } topic && screens.TopicOf(topic) is not null,
        ActionId.Misread or ActionId.SendRead => action.Target is { } g && context.Language.Guides.ContainsKey(g)
                                                 && int.TryParse(action.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1,
        _ => action.Target is { } g && context.Language.Guides.ContainsKey(g) && action.Argument is null,
    };

    private async ValueTask<Reply> HandleTextAsync(TurnContext context, string raw, CancellationToken cancellationToken)
    {
        var text = TextCleaner.Clean(raw);
        if (text.Length == 0)
            return new Reply(new OutgoingMessage(context.Texts[TextKey.EmptyMessage], context.Guide.MenuButtons));
        if (text.Length > _options.MaxTextLength)
        {
            return new Reply(new OutgoingMessage(context.Texts.Format(TextKey.TooLong,
                ("length", text.Length.ToString(CultureInfo.InvariantCulture)),
                ("max", _options.MaxTextLength.ToString(CultureInfo.InvariantCulture)))));
        }

        if (CommandLine.TryParse(text, out var name, out var argument))
        {
            if (_commands.TryGetValue(name, out var command))
                return await command(context, argument, cancellationToken);
            return new Reply(new OutgoingMessage(context.Texts.Format(TextKey.UnknownCommand, ("command", Markup.Escape("/" + name))), context.Guide.MenuButtons));
        }

        if (context.Turn is { IsModerator: true, ReplyToMessageId: { } repliedTo }
            && await AnswerByReplyAsync(context, repliedTo, text, cancellationToken) is { } answered)
        {
            return answered;
        }

        switch (context.State.Awaiting)
        {
            case Awaiting.Answer when context.Turn.IsModerator && context.State.AwaitingQuestion is { } questionId:
                ClearAwaiting(context);
                return await AnswerAsync(context, questionId, text, cancellationToken);
            case Awaiting.Question:
                return SaveQuestion(context, text);
            case Awaiting.FeedbackComment:
                return await SaveFeedbackCommentAsync(context, text, cancellationToken);
            default:
                return TypedStep(context, text) ?? Understand(context, text);
        }
    }

    private ValueTask<Reply> HelpCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        // "/help how do I ..." (and Discord's /help question:...) is a question in the user's own words.
        if (argument.Length > 0)
        {
            ClearAwaiting(context);
            return ValueTask.FromResult(Understand(context, argument));
        }
        return Done(context.Guide.Help, context, clearAwaiting: true);
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
            var reading = _understanding.Understand(rest, language.Code, NearTopic(context));
            if (reading.Match is not null || others.Any(c => c.IsQuestion))
                return Answer(context, rest, reading);
        }
        return next
            ? step < context.Guide.StepCount ? AsNewMessage(ShowStep(context, step + 1, fresh: true)) : Finish(context)
            : AsNewMessage(ShowStep(context, Math.Max(step - 1, 1), fresh: true));
    }

    /// <summary>Keeps the section a reply shows, for reading the user's next free text in its light; a reply showing none leaves it.</summary>
    private static void RememberShown(TurnContext context, Reply reply)
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

    private Reply Understand(TurnContext context, string text) =>
        Answer(context, text, _understanding.Understand(text, context.Language.Code, NearTopic(context)));

    /// <summary>The section a reading answers with, or, when it is not sure, the sections it offers (the text is recorded as unmatched).</summary>
    private static Reply Answer(TurnContext context, string text, TextReading reading)
    {
        if (reading.Match is { } match
            && context.Language.Guides.TryGetValue(match.Topic.Guide, out var guide)
            && TopicReply(context, guide, match.Topic) is { } reply)
        {
            return WithMisreadButton(context, guide, text, match.Topic, reply);
        }
        // Moderators see what the bot could not answer outright, even when the user then picks an offered section.
        context.Record(DialogEventKind.Unmatched, text: text);
        var offered = OfferRows(context, reading.Suggestions);
        return offered.Count == 0
            ? new Reply(new OutgoingMessage(context.Texts[TextKey.NotUnderstood], context.Guide.MenuButtons))
            : new Reply(new OutgoingMessage(context.Texts[TextKey.NotSure], [.. offered, context.Guide.NotSureRow]));
    }

    /// <summary>The buttons opening offered sections, one a row, at most <see cref="MaxOffers"/>.</summary>
    private static List<IReadOnlyList<Button>> OfferRows(TurnContext context, IEnumerable<Topic> topics) =>
        topics.Select(t => context.Language.Guides.TryGetValue(t.Guide, out var screens) ? screens.TopicButton(t) : null)
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
    private static Reply WithMisreadButton(TurnContext context, GuideScreens guide, string text, Topic topic, Reply reply)
    {
        var number = context.State.ReadNumber == int.MaxValue ? 1 : context.State.ReadNumber + 1;
        context.Change(s =>
        {
            s.ReadText = text;
            s.ReadNumber = number;
            s.ReadTopic = guide.ArgumentOf(topic);
            s.ReadDisputed = false;
        });
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
    private ValueTask<Reply> MisreadAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
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
        var answered = context.State.ReadTopic is { } argument ? guide.TopicOf(argument) : null;
        var reading = _understanding.Understand(text, context.Language.Code, near: null);
        IEnumerable<Topic> readings = reading.Match is { } match ? [match.Topic, .. reading.Suggestions] : reading.Suggestions;
        var offered = OfferRows(context, readings.Where(t => answered is not { } shown || !guide.IsSameScreen(t, shown)));
        var send = new Button(context.Texts[TextKey.ButtonSendQuestion], GuideScreens.Action(ActionId.SendRead, guide.Guide.Id, context.State.ReadNumber));
        return ValueTask.FromResult(new Reply(new OutgoingMessage(
            context.Texts[offered.Count > 0 ? TextKey.Misread : TextKey.MisreadNoOffers],
            [.. offered, [send, .. guide.MenuRow]])));
    }

    /// <summary>Passes the misread free text to the moderators as the user's question, once.</summary>
    private ValueTask<Reply> SendReadAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (ReadOf(context, action) is not { } text)
            return ValueTask.FromResult(Stale(context));
        context.Change(s => s.ReadText = null);
        return ValueTask.FromResult(SaveQuestion(context, text));
    }

    /// <summary>A section offered when the bot was not sure what a message meant, opened as if it had understood it.</summary>
    private static ValueTask<Reply> TopicAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        var guide = context.Language.Guides[action.Target!];
        ClearAwaiting(context);
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

    /// <summary>A typed question is answered with a new message; only a button press edits the message it came from.</summary>
    private static Reply AsNewMessage(Reply reply) => reply.EditInPlace ? reply with { EditInPlace = false } : reply;

    private static Reply ConsequencesScreen(TurnContext context) => context.Guide.Consequences ?? NoSection(context);

    private static Reply ReasonsScreen(TurnContext context) => context.Guide.Reasons ?? NoSection(context);

    private static Reply NoSection(TurnContext context) =>
        new(new OutgoingMessage(context.Texts[TextKey.NoSection], context.Guide.MenuButtons));

    private static Reply Stale(TurnContext context) =>
        new(new OutgoingMessage(context.Texts[TextKey.StaleButton], context.Guide.MenuButtons));

    private static Reply Resume(TurnContext context) =>
        context.State.Step is var step and > 0 && step <= context.Guide.StepCount
            ? ShowStep(context, step, fresh: false)
            : ShowStep(context, 1, fresh: true);

    private static Reply ShowStep(TurnContext context, int number, bool fresh)
    {
        if (context.State.Step != number)
            context.Change(s => s.Step = number);

        // The funnel counts users per sub-step, so only the first reach is an event: paging back and forth writes nothing more.
        var bit = 1L << number;
        var guide = context.GuideId;
        if (context.State.ReachedGuide != guide || (context.State.ReachedSteps & bit) == 0)
        {
            context.Change(s =>
            {
                s.ReachedSteps = (s.ReachedGuide == guide ? s.ReachedSteps : 0) | bit;
                s.ReachedGuide = guide;
            });
            context.Record(DialogEventKind.StepReached, number);
        }
        return fresh ? context.Guide.Steps[number] : context.Guide.ResumedSteps[number];
    }

    private static ValueTask<Reply> StepAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        ClearAwaiting(context);
        return ValueTask.FromResult(ShowStep(context, int.Parse(action.Argument!, CultureInfo.InvariantCulture), fresh: true));
    }

    private static ValueTask<Reply> AcceptAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (!context.State.AcceptedConsequences)
            context.Change(s => s.AcceptedConsequences = true);
        return ValueTask.FromResult(Resume(context));
    }

    private static Reply Finish(TurnContext context)
    {
        context.Record(DialogEventKind.Completed, context.Guide.StepCount);
        context.Change(s => s.Step = 0);
        return context.Guide.Finished;
    }

    private async ValueTask<Reply> FeedbackAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (action.Argument is null)
            return context.Guide.FeedbackQuestion;
        var helpful = action.Argument == "yes";
        var previous = await _store.FindFeedbackAsync(context.Turn.UserKey, context.GuideId, cancellationToken);
        context.Changes.Feedback = new Feedback
        {
            Id = Feedback.IdFor(context.Turn.UserKey, context.GuideId),
            UserKey = context.Turn.UserKey,
            Guide = context.GuideId,
            Helpful = helpful,
            Community = context.Turn.Community,
            // A changed answer drops the old comment: it explained the old answer.
            Comment = previous is { Helpful: var was } && was == helpful ? previous.Comment : null,
            Language = context.Language.Code,
            At = context.Now,
        };
        if (helpful)
        {
            ClearAwaiting(context);
            return new Reply(new OutgoingMessage(context.Texts[TextKey.FeedbackYes], [context.Guide.MenuRow]));
        }
        context.Change(s => s.Awaiting = Awaiting.FeedbackComment);
        return new Reply(new OutgoingMessage(context.Texts[TextKey.FeedbackNo],
            [[new Button(context.Texts[TextKey.ButtonSkip], ActionId.Skip), context.Guide.MenuRow[0]]]));
    }

    private static ValueTask<Reply> SkipAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        var wasWaiting = context.State.Awaiting == Awaiting.FeedbackComment;
        ClearAwaiting(context);
        return ValueTask.FromResult(wasWaiting
            ? new Reply(new OutgoingMessage(context.Texts[TextKey.FeedbackCommentSkipped], [context.Guide.MenuRow]))
            : context.Guide.Menu);
    }

    private async ValueTask<Reply> SaveFeedbackCommentAsync(TurnContext context, string text, CancellationToken cancellationToken)
    {
        var feedback = await _store.FindFeedbackAsync(context.Turn.UserKey, context.GuideId, cancellationToken) ?? new Feedback
        {
            Id = Feedback.IdFor(context.Turn.UserKey, context.GuideId),
            UserKey = context.Turn.UserKey,
            Guide = context.GuideId,
            Helpful = false,
            Language = context.Language.Code,
            Community = context.Turn.Community,
        };
        feedback.Comment = text;
        feedback.At = context.Now;
        context.Changes.Feedback = feedback;
        ClearAwaiting(context);
        return new Reply(new OutgoingMessage(context.Texts[TextKey.FeedbackCommentSaved], [context.Guide.MenuRow]));
    }

    private ValueTask<Reply> AskCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        if (argument.Length > 0)
            return ValueTask.FromResult(SaveQuestion(context, argument));
        context.Change(s => s.Awaiting = Awaiting.Question);
        return ValueTask.FromResult(new Reply(new OutgoingMessage(context.Texts[TextKey.AskPrompt], [context.Guide.MenuRow])));
    }

    private Reply SaveQuestion(TurnContext context, string text)
    {
        var question = new Question
        {
            Id = QuestionIds.Next(),
            UserKey = context.Turn.UserKey,
            Channel = context.Turn.Channel,
            ChatId = context.Turn.ChatId,
            DisplayName = context.Turn.DisplayName,
            Language = context.Language.Code,
            Guide = context.GuideId,
            Step = context.State.Step,
            Text = text,
            Community = context.Turn.Community,
            AskedAt = context.Now,
            Status = QuestionStatus.Open,
        };
        context.Changes.Question = question;
        PostToModerators(context, question);
        ClearAwaiting(context);
        return new Reply(new OutgoingMessage(context.Texts.Format(TextKey.QuestionSaved, ("id", Markup.Code(question.Id))), [context.Guide.MenuRow]));
    }

    private static ValueTask<Reply> LanguageCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        ClearAwaiting(context);
        if (argument.Length == 0)
            return ValueTask.FromResult(context.Language.LanguagePrompt);
        var code = argument.Trim().ToLowerInvariant();
        if (!context.Book.Languages.TryGetValue(code, out var language))
        {
            return ValueTask.FromResult(new Reply(new OutgoingMessage(context.Texts.Format(TextKey.LanguageUnknown,
                ("value", Markup.Escape(argument)), ("available", context.Book.AvailableLanguages)), [context.Language.LanguagePrompt.Messages[0].Buttons[0]])));
        }
        context.Change(s => s.Language = code);
        context.Language = language;
        return ValueTask.FromResult(new Reply(new OutgoingMessage(language.Texts[TextKey.LanguageSet] + "\n\n" + context.Guide.Menu.Messages[0].Text, context.Guide.MenuButtons)));
    }

    private async ValueTask<Reply> ForgetCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        await _store.ForgetUserAsync(context.Turn.UserKey, cancellationToken);
        context.Forgotten = true;
        return new Reply(new OutgoingMessage(context.Texts[TextKey.ForgetDone]));
    }

    private static ValueTask<Reply> Done(Reply reply, TurnContext context, bool clearAwaiting = false)
    {
        if (clearAwaiting)
            ClearAwaiting(context);
        return ValueTask.FromResult(reply);
    }

    private static void ClearAwaiting(TurnContext context)
    {
        if (context.State.Awaiting != Awaiting.Nothing)
        {
            context.Change(s =>
            {
                s.Awaiting = Awaiting.Nothing;
                s.AwaitingQuestion = null;
            });
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A {Channel} {Kind} turn failed; the user got an apology and nothing was stored")]
        public static partial void TurnFailed(ILogger logger, Exception exception, string channel, string kind);

        [LoggerMessage(2, LogLevel.Information, "Refused a {Channel} button press with an unknown or outdated action id ({Length} chars)")]
        public static partial void RejectedAction(ILogger logger, string channel, int length);
    }
}
