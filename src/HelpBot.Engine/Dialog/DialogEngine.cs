using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog.Features;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;
using Microsoft.Extensions.Logging;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog;

/// <summary>
/// The one dialog engine every channel talks to: a turn in, a reply out. A turn is a button press (routed by the
/// verb of its action id), a command (routed by its name) or free text; <see cref="DialogTable"/> routes the first two
/// to the features in <c>Features/</c>, each of which keeps a button's check beside its handler.
/// </summary>
public sealed partial class DialogEngine : IDialogEngine, ITextForms
{
    private readonly IConversationStore _store;
    private readonly OutboxFeed? _outbox;
    private readonly DialogOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _canModerate;
    private readonly ILogger _logger;
    private readonly DialogMetrics? _metrics;
    private readonly UserLocks _locks = new();
    private readonly FreeText _freeText;
    private readonly TextForms _forms;
    private readonly Dictionary<string, (Audience Audience, CommandHandler Handle)> _commands;
    private readonly Dictionary<string, (ActionCheck IsValid, ActionHandler Handle)> _actions;
    private readonly ScreenBookSource _books;

    public DialogEngine(DialogDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var content = dependencies.Content;
        _store = dependencies.Store;
        _outbox = dependencies.Outbox;
        _options = dependencies.Options;
        _time = dependencies.Time;
        _logger = dependencies.Logger;
        _metrics = dependencies.Metrics;
        _canModerate = dependencies.Moderation is not null;
        _books = new ScreenBookSource(content);
        _ = _books.Current; // built now, not on the first turn

        var features = new DialogFeatures(dependencies, _books);
        _freeText = features.FreeText;
        _forms = new TextForms(dependencies.Moderation, _options);
        _commands = DialogTable.Commands.ToDictionary(c => c.Name, c => (c.Audience, c.Handler(features)), StringComparer.Ordinal);
        _actions = DialogTable.Actions.ToDictionary(a => a.Verb, a => (a.IsValid, a.Handler(features)), StringComparer.Ordinal);
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
        var started = _time.GetTimestamp();
        using var userLock = await _locks.AcquireAsync(turn.UserKey, cancellationToken);
        // Another instance sharing the store may commit the same user's turn in between: then this one runs again on
        // the state it left (or finds the delivery handled). The lock above makes that rare within one instance.
        // While the store is unreachable (a database restarting) the turn waits and runs again: the channel has not
        // confirmed the update yet, so the user gets the reply late rather than an apology and a lost step.
        for (int attempt = 1, outage = 0; ; attempt++)
        {
            try
            {
                return await HandleLockedAsync(turn, started, lastAttempt: attempt >= MaxConflictRetries, cancellationToken);
            }
            catch (TurnConflictException)
            {
                // Nothing was written: run the turn again.
            }
            catch (Exception ex) when (StorageOutage.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                var pause = StorageOutage.Backoff(++outage, OutageFirstPause, OutageLongestPause);
                Log.StoreUnavailable(_logger, turn.Channel, pause.TotalSeconds, StorageUnavailableException.OneLine(ex));
                await Task.Delay(pause, _time, cancellationToken);
                attempt = 0;
            }
        }
    }

    private const int MaxConflictRetries = 5;
    private static readonly TimeSpan OutageFirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan OutageLongestPause = TimeSpan.FromSeconds(5);

    private async ValueTask<Reply> HandleLockedAsync(Turn turn, long started, bool lastAttempt, CancellationToken cancellationToken)
    {
        var book = _books.Current;
        UserState? stored = null;
        try
        {
            if (turn.DeliveryId is { } delivery && await _store.WasHandledAsync(delivery, cancellationToken))
            {
                Measure(turn, "duplicate", started);
                return Reply.Empty;
            }
            stored = await _store.FindUserAsync(turn.UserKey, cancellationToken);
            var state = stored ?? new UserState { Key = turn.UserKey };
            var context = new TurnContext(turn, state, book, book.LanguageFor(state.Language, turn.Locale), _time.GetUtcNow());
            // Moderators at work are not users of the guide: their first command is not counted as one.
            if (stored is null && !turn.IsModerator)
                context.Record(DialogEventKind.Started);
            // A form stands for a button's press and the text typed after it: the press's state first.
            if (turn.Form is { } form)
                Faq.AwaitForm(context, form);
            var reply = turn.Action is not null
                ? await HandleActionAsync(context, turn.Action, cancellationToken)
                : await HandleTextAsync(context, TextOf(turn), cancellationToken);
            FreeText.RememberShown(context, reply);

            context.Changes.DeliveryId = turn.DeliveryId;
            var queued = turn.ReplyRoute?.Queue(turn, reply, context.Now) ?? [];
            if (context.Forgotten)
            {
                // Nothing of the user stays but the handled delivery and the farewell on its way.
                var farewell = new TurnChanges { DeliveryId = turn.DeliveryId };
                farewell.Outbox.AddRange(queued);
                if (!farewell.IsEmpty)
                    await CommitAsync(farewell, cancellationToken);
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
                    await CommitAsync(context.Changes, cancellationToken);
            }
            if (queued.Count > 0)
                reply = reply with { Messages = reply.Messages.Take(turn.ReplyRoute!.SentDirectly).ToArray(), Queued = queued.Count };
            Measure(turn, "ok", started);
            if (IsFallback(context))
                _metrics?.FreeTextFallback(turn);
            return reply;
        }
        catch (Exception ex) when ((ex is not TurnConflictException || lastAttempt) && !StorageOutage.IsTransient(ex)
            && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            Log.TurnFailed(_logger, ex, turn.Channel, DialogMetrics.KindOf(turn));
            Measure(turn, "failed", started);
            var language = book.LanguageFor(stored?.Language, turn.Locale);
            return new Reply(new OutgoingMessage(language.Texts[TextKey.InternalError]));
        }
    }

    /// <summary>Commits a turn, then hands its outbox messages to the delivery loop, which sends them without reading them back.</summary>
    private async ValueTask CommitAsync(TurnChanges changes, CancellationToken cancellationToken)
    {
        await _store.CommitAsync(changes, cancellationToken);
        _outbox?.Committed(changes.Outbox);
    }

    private void Measure(Turn turn, string outcome, long started) => _metrics?.Turn(turn, outcome, _time.GetElapsedTime(started));

    /// <summary>Free text answered with neither a section nor small talk (recorded as unmatched with no section).</summary>
    private static bool IsFallback(TurnContext context) =>
        context.Turn.Action is null && context.Changes.Events.Exists(e => e is { Kind: DialogEventKind.Unmatched, Topic: null });

    /// <summary>A command with named arguments, or a form's text, as the line a user would type.</summary>
    private static string TextOf(Turn turn) =>
        turn.Command is { } command ? CommandLine.Format(command, turn.Arguments)
        : turn.Form is { } form ? TextForms.TextOf(form, turn.Text ?? "") ?? ""
        : turn.Text ?? "";

    public string? FormFor(Turn turn) => TextForms.FormFor(turn);

    public bool IsForm(string formId) => TextForms.IsForm(formId);

    public async ValueTask<TextForm?> DescribeAsync(Turn turn, string formId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var book = _books.Current;
        var state = await _store.FindUserAsync(turn.UserKey, cancellationToken);
        return await _forms.DescribeAsync(book.LanguageFor(state?.Language, turn.Locale), formId, cancellationToken);
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

        [LoggerMessage(3, LogLevel.Warning, "A {Channel} turn waits for the store, trying again in {Seconds} s: {Error}")]
        public static partial void StoreUnavailable(ILogger logger, string channel, double seconds, string error);
    }
}
