using HelpBot.Channels.Telegram.Rendering;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// Delivers an engine reply: renders it, edits the pressed message when the engine asks to edit in place
/// (falling back to a new message when that message is gone), and sends the rest in order.
/// A message that finally cannot be delivered is logged with the reason; the next one is still tried.
/// </summary>
internal sealed class ReplySender(TelegramSender sender, ILogger<ReplySender> logger)
{
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    public async Task DeliverAsync(ReplyTarget target, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(reply);
        var edit = reply.EditInPlace ? target.EditMessageId : null;
        var quote = target.QuoteMessageId;
        foreach (var message in reply.Messages)
        {
            foreach (var piece in ReplyRenderer.Render(message))
            {
                if (edit is { } messageId && await TryEditAsync(target.ChatId, messageId, piece, cancellationToken))
                {
                    edit = null;
                    continue;
                }
                edit = null;
                await SendAsync(target, piece, quote, cancellationToken);
                quote = null;
            }
        }
    }

    /// <summary>False when the piece should go out as a new message instead (the pressed message is gone or cannot be edited).</summary>
    private async Task<bool> TryEditAsync(long chatId, int messageId, TelegramMessage piece, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(chatId, "editMessageText", (client, ct) =>
                client.EditMessageText(chatId, messageId, piece.Html, ParseMode.Html, piece.Keyboard, NoPreview, cancellationToken: ct), cancellationToken);
            return true;
        }
        catch (ApiRequestException ex) when (FailureReason.Is(ex, "message is not modified"))
        {
            // The same button pressed twice: the screen is already right.
            return true;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400)
        {
            // Deleted, too old to edit, or not editable: the user still gets the screen, as a new message.
            Log.EditFallback(logger, chatId, sender.Describe(ex));
            return false;
        }
        catch (RequestException ex)
        {
            Log.Undelivered(logger, "editMessageText", chatId, sender.Describe(ex));
            return true;
        }
    }

    private async Task SendAsync(ReplyTarget target, TelegramMessage piece, int? quote, CancellationToken cancellationToken)
    {
        var replyTo = quote is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
        try
        {
            await sender.SendAsync(target.ChatId, "sendMessage", (client, ct) =>
                client.SendMessage(target.ChatId, piece.Html, ParseMode.Html, replyTo, piece.Keyboard, NoPreview, target.ThreadId, cancellationToken: ct), cancellationToken);
        }
        catch (RequestException ex)
        {
            Log.Undelivered(logger, "sendMessage", target.ChatId, sender.Describe(ex));
        }
    }
}
