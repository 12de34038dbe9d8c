using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog.Features;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;
using Microsoft.Extensions.Logging;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog;

/// <summary>
/// The one dialog engine every channel talks to: a turn in, a reply out. A turn is a button press (routed by the
/// verb of its action id), a command (routed by its name) or free text; the table below routes the first two to the
/// features in <c>Features/</c>, each of which keeps a button's check beside its handler.
/// </summary>
public sealed partial class DialogEngine : IDialogEngine
{
    private readonly IConversationStore _store;
    private readonly DialogOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _canModerate;
    private readonly ILogger _logger;
    private readonly UserLocks _locks = new();
    private readonly FreeText _freeText;
    private readonly Dictionary<string, CommandRoute> _commands;
    private readonly Dictionary<string, ActionRoute> _actions;
    private volatile ScreenBook _book;

    public DialogEngine(DialogDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var content = dependencies.Content;
        _store = dependencies.Store;
        _options = dependencies.Options;
        _time = dependencies.Time;
        _logger = dependencies.Logger;
        _canModerate = dependencies.Moderation is not null;
        _book = new ScreenBook(content.Current);
        content.Changed += catalog => _book = new ScreenBook(catalog);

        var review = new Review(dependencies.Understanding, dependencies.Moderation, dependencies.Reviews, dependencies.Examples);
        var questions = new Questions(dependencies.Moderation, dependencies.ModerationOptions, review);
        var feedback = new GuideFeedback(_store);
        _freeText = new FreeText(dependencies.Understanding, questions, feedback, _options);
        var menu = new Menu(_freeText);
        var privacy = new Privacy(_store, dependencies.Moderation);
        var reports = new ModeratorReports(content, dependencies.Moderation, dependencies.Reports, dependencies.Reloader, review);

        // The table: every command and button the bot understands. A command's texts are in content/<lang>/bot.yaml.
        _commands = new CommandRoute[]
        {
            new("start", Audience.Everyone, Menu.StartCommand),
            new("help", Audience.Everyone, menu.HelpCommand),
            new("menu", Audience.Everyone, Menu.MenuCommand),
            new("consequences", Audience.Everyone, ConsequencesSection.Command),
            new("steps", Audience.Everyone, Walkthrough.StepsCommand),
            new("reasons", Audience.Everyone, ReasonsSection.Command),
            new("feedback", Audience.Everyone, GuideFeedback.Command),
            new("ask", Audience.Everyone, questions.AskCommand),
            new("language", Audience.Everyone, LanguageChoice.Command),
            new("forget", Audience.Everyone, privacy.ForgetCommand),
            new("questions", Audience.Moderators, questions.QuestionsCommand),
            new("answer", Audience.Moderators, questions.AnswerCommand),
            new("close", Audience.Moderators, questions.CloseCommand),
            new("stats", Audience.Moderators, reports.StatsCommand),
            new("export", Audience.Moderators, reports.ExportCommand),
            new("reload", Audience.Moderators, reports.ReloadCommand),
            new("forget_user", Audience.Moderators, privacy.ForgetUserCommand),
            new("review", Audience.Moderators, review.ReviewCommand),
        }.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _actions = new ActionRoute[]
        {
            new(ActionId.Menu, ActionChecks.Bare, Menu.MenuAction),
            new(ActionId.Help, ActionChecks.Bare, Menu.HelpAction),
            new(ActionId.Guide, ActionChecks.Guide, Menu.GuideAction),
            new(ActionId.Consequences, ActionChecks.Guide, ConsequencesSection.Action),
            new(ActionId.Accept, ActionChecks.Guide, Walkthrough.AcceptAction),
            new(ActionId.Resume, ActionChecks.Guide, Walkthrough.ResumeAction),
            new(ActionId.Step, Walkthrough.IsStep, Walkthrough.StepAction),
            new(ActionId.Done, ActionChecks.Guide, Walkthrough.DoneAction),
            new(ActionId.Reasons, ActionChecks.Guide, ReasonsSection.Action),
            new(ActionId.Feedback, GuideFeedback.IsFeedback, feedback.Action),
            new(ActionId.Skip, ActionChecks.Bare, GuideFeedback.SkipAction),
            new(ActionId.Ask, ActionChecks.Bare, questions.AskAction),
            new(ActionId.AnswerQuestion, Questions.IsAnswerButton, questions.AnswerButtonAction),
            new(ActionId.RateAnswer, Questions.IsRating, questions.RateAction),
            new(ActionId.Language, LanguageChoice.IsLanguage, LanguageChoice.Action),
            new(ActionId.Topic, FreeText.IsTopic, FreeText.TopicAction),
            new(ActionId.Misread, FreeText.IsRead, _freeText.MisreadAction),
            new(ActionId.SendRead, FreeText.IsRead, _freeText.SendReadAction),
            new(ActionId.Review, Review.IsLabel, review.LabelAction),
            new(ActionId.ReviewQuestion, Review.IsLabel, review.LabelAction),
        }.ToDictionary(a => a.Verb, StringComparer.Ordinal);
    }

    /// <summary>An engine with only content, the store and (optionally) an understanding: no moderation, no reports.</summary>
    public DialogEngine(IContentProvider content, IConversationStore store, ITextUnderstanding? understanding = null)
        : this(new DialogDependencies(content, store) { Understanding = understanding ?? new NoTextUnderstanding() })
    {
    }

    /// <summary>Handles one turn. Never throws for bad input: a failure is logged and answered with an apology, and nothing is written.</summary>
    public async ValueTask<Reply> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var book = _book;
        using var userLock = await _locks.AcquireAsync(turn.UserKey, cancellationToken);
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
            FreeText.RememberShown(context, reply);

            context.Changes.DeliveryId = turn.DeliveryId;
            if (context.Forgotten)
            {
                if (turn.DeliveryId is not null)
                    await _store.CommitAsync(new TurnChanges { DeliveryId = turn.DeliveryId }, cancellationToken);
            }
            else
            {
                if (context.StateChanged || stored is null)
                {
                    state.UpdatedAt = context.Now;
                    context.Changes.State = state;
                }
                if (!context.Changes.IsEmpty)
                    await _store.CommitAsync(context.Changes, cancellationToken);
            }
            return reply;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.TurnFailed(_logger, ex, turn.Channel, turn.Action is null ? "text" : "button");
            var language = book.LanguageFor(stored?.Language, turn.Locale);
            return new Reply(new OutgoingMessage(language.Texts[TextKey.InternalError]));
        }
    }

    private async ValueTask<Reply> HandleActionAsync(TurnContext context, string raw, CancellationToken cancellationToken)
    {
        if (ActionId.TryParse(raw, out var action)
            && _actions.TryGetValue(action.Verb, out var route)
            && route.IsValid(context, action))
        {
            // Buttons carry their guide, so a press from an older message acts on the guide it was shown for.
            if (action.Target is { } guide && guide != context.State.Guide && action.Verb is not ActionId.Language && context.Language.Guides.ContainsKey(guide))
                context.Change(s => s.Guide = guide);
            return await route.Handle(context, action, cancellationToken);
        }
        Log.RejectedAction(_logger, context.Turn.Channel, raw.Length);
        return Stale(context);
    }

    /// <summary>Cleaned text within the limit is a command when it starts with <c>/</c>, and free text otherwise.</summary>
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
        if (!CommandLine.TryParse(text, out var name, out var argument))
            return await _freeText.HandleTextAsync(context, text, cancellationToken);
        if (!_commands.TryGetValue(name, out var command))
            return new Reply(new OutgoingMessage(context.Texts.Format(TextKey.UnknownCommand, ("command", Markup.Escape("/" + name))), context.Guide.MenuButtons));
        if (command.Audience == Audience.Moderators)
        {
            ClearAwaiting(context);
            if (!context.Turn.IsModerator || !_canModerate)
                return Say(context, TextKey.ModeratorsOnly);
        }
        return await command.Handle(context, argument, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A {Channel} {Kind} turn failed; the user got an apology and nothing was stored")]
        public static partial void TurnFailed(ILogger logger, Exception exception, string channel, string kind);

        [LoggerMessage(2, LogLevel.Information, "Refused a {Channel} button press with an unknown or outdated action id ({Length} chars)")]
        public static partial void RejectedAction(ILogger logger, string channel, int length);
    }
}
