using HelpBot.Channels.Telegram.Sending;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace HelpBot.Channels.Telegram.Updates;

/// <summary>
/// A button press. Its query is answered (so the button stops spinning) even when handling fails, in the background
/// (see <see cref="CallbackAnswers"/>); only a redelivered update, which the engine recognises, is left alone. The reply
/// goes through the outbox; walkthrough screens replace the pressed message.
/// </summary>
internal sealed class CallbackQueryHandler(
    IDialogEngine engine,
    ReplySender replies,
    CallbackAnswers answers,
    Moderators moderators,
    ILogger<CallbackQueryHandler> logger)
{
    public async Task HandleAsync(int updateId, CallbackQuery query, CancellationToken cancellationToken)
    {
        if (query.From is null || string.IsNullOrEmpty(query.Id))
        {
            Log.Ignored(logger, updateId, "a callback query without a sender or id");
            return;
        }
        // Inline-mode messages have no chat; the private chat with the presser is where an answer can go.
        var pressed = query.Message;
        var chatId = pressed?.Chat?.Id ?? query.From.Id;

        // An inaccessible message (too old, deleted) comes with date 0 and cannot be edited.
        var editable = pressed is { Id: > 0 } && pressed.Date > DateTime.UnixEpoch;
        var target = new ReplyTarget(
            chatId,
            ThreadId: pressed is { IsTopicMessage: true } ? pressed.MessageThreadId : null,
            EditMessageId: editable ? pressed!.Id : null);
        Reply? reply = null;
        try
        {
            reply = await engine.HandleAsync(TelegramTurns.FromCallbackQuery(updateId, query, chatId, moderators) with { ReplyRoute = TelegramTurns.RouteTo(target) }, cancellationToken);
        }
        finally
        {
            // The answer only stops the button's spinner, and Telegram takes it for a few seconds only: it is sent now,
            // beside the reply rather than before it, and not queued (after a restart it would come too late to matter).
            // A redelivered press (the engine returns nothing and queues nothing) was answered the first time.
            if (reply is not { Messages.Count: 0, Queued: 0 })
                answers.Start(query.Id);
        }
        if (reply.Messages.Count > 0)
            await replies.DeliverAsync(target, reply, cancellationToken);
    }
}
