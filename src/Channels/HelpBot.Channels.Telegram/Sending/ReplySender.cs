using HelpBot.Channels.Telegram.Rendering;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// Delivers engine messages: renders them, edits the pressed message when asked to (falling back to a new message when
/// that message is gone), sends the rest in order, then their files (images as photos, the rest as documents).
/// </summary>
internal sealed class ReplySender(TelegramSender sender, ILogger<ReplySender> logger)
{
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    /// <summary>
    /// A reply sent at once rather than from the outbox (the apology for a failed turn): a message that cannot be
    /// delivered is logged with the reason, and the next one is still tried.
    /// </summary>
    public async Task DeliverAsync(ReplyTarget target, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(reply);
        var first = reply.EditInPlace ? target : target with { EditMessageId = null };
        foreach (var message in reply.Messages)
        {
            try
            {
                await SendAsync(first, message, fromOutbox: false, cancellationToken);
            }
            catch (RequestException ex)
            {
                Log.Undelivered(logger, "sendMessage", target.ChatId, sender.Describe(ex));
            }
            first = target with { EditMessageId = null, QuoteMessageId = null };
        }
    }

    /// <summary>
    /// One message: its first piece replaces <see cref="ReplyTarget.EditMessageId"/> when set (a new message when that one is
    /// gone) and quotes <see cref="ReplyTarget.QuoteMessageId"/>; then the other pieces and the files. Returns the id of its
    /// last Telegram message; throws when Telegram did not take it. Each call is tried once: the outbox tries again.
    /// </summary>
    public Task<int> SendAsync(ReplyTarget target, OutgoingMessage message, CancellationToken cancellationToken) =>
        SendAsync(target, message, fromOutbox: true, cancellationToken);

    private async Task<int> SendAsync(ReplyTarget target, OutgoingMessage message, bool fromOutbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var last = 0;
        var edit = target.EditMessageId;
        var quote = target.QuoteMessageId;
        foreach (var piece in ReplyRenderer.Render(message))
        {
            if (edit is { } messageId && await TryEditAsync(target.ChatId, messageId, piece, fromOutbox, cancellationToken))
                last = messageId;
            else
                last = (await SendPieceAsync(target, piece, quote, fromOutbox, cancellationToken)).Id;
            edit = null;
            quote = null;
        }
        foreach (var attachment in message.Attachments)
            last = (await SendAttachmentAsync(target, attachment, fromOutbox, cancellationToken)).Id;
        return last;
    }

    /// <summary>False when the piece should go out as a new message instead (the pressed message is gone or cannot be edited); throws when Telegram could not be asked.</summary>
    private async Task<bool> TryEditAsync(long chatId, int messageId, TelegramMessage piece, bool fromOutbox, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(chatId, fromOutbox, (client, ct) =>
                client.EditMessageText(chatId, messageId, piece.Html, ParseMode.Html, piece.Keyboard, NoPreview, cancellationToken: ct), cancellationToken);
            return true;
        }
        catch (ApiRequestException ex) when (FailureReason.Is(ex, "message is not modified"))
        {
            // The same screen again (a button pressed twice, or an edit sent again after a restart): it is already right.
            return true;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400)
        {
            // Deleted, too old to edit, or not editable: the user still gets the screen, as a new message.
            Log.EditFallback(logger, chatId, sender.Describe(ex));
            return false;
        }
    }

    private Task<Message> SendPieceAsync(ReplyTarget target, TelegramMessage piece, int? quote, bool fromOutbox, CancellationToken cancellationToken)
    {
        var replyTo = quote is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
        return sender.SendAsync(target.ChatId, fromOutbox, (client, ct) =>
            client.SendMessage(target.ChatId, piece.Html, ParseMode.Html, replyTo, piece.Keyboard, NoPreview, target.ThreadId, cancellationToken: ct), cancellationToken);
    }

    /// <summary>Each try uploads from a fresh stream: a retried upload must not start at the end of the last one.</summary>
    private Task<Message> SendAttachmentAsync(ReplyTarget target, Attachment attachment, bool fromOutbox, CancellationToken cancellationToken) =>
        sender.SendAsync(target.ChatId, fromOutbox, (client, ct) =>
        {
            var file = InputFile.FromStream(new MemoryStream(attachment.Data, writable: false), attachment.FileName);
            return IsPhoto(attachment)
                ? client.SendPhoto(target.ChatId, file, messageThreadId: target.ThreadId, cancellationToken: ct)
                : client.SendDocument(target.ChatId, file, messageThreadId: target.ThreadId, cancellationToken: ct);
        }, cancellationToken);

    /// <summary>Telegram shows PNG and JPEG inline as photos; anything else (CSV) is a document.</summary>
    private static bool IsPhoto(Attachment attachment) => attachment.ContentType is "image/png" or "image/jpeg";
}
