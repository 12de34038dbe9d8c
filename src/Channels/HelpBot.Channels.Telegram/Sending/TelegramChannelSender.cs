using System.Globalization;
using HelpBot.Channels.Telegram.Updates;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Storage;
using Telegram.Bot.Exceptions;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// The outbox's way into Telegram: replies to turns (a walkthrough screen replaces the pressed message), questions posted
/// to moderators' chats, answers to askers. A Telegram private chat has the user's id, so the chat id is all it needs.
/// Telegram's refusals (4xx) are final; 429s, 5xx and network errors are tried again later, a 429 after its <c>retry_after</c>.
/// </summary>
internal sealed class TelegramChannelSender(ReplySender replies, TelegramSender sender) : IChannelSender
{
    public string Channel => TelegramTurns.ChannelName;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (TargetOf(message) is not { } target)
            return SendOutcome.Refused($"'{message.ChatId}' is not a Telegram chat id, or its route is not Telegram's");
        try
        {
            var id = await replies.SendAsync(target, message.ToMessage(), cancellationToken);
            return SendOutcome.Sent(id.ToString(CultureInfo.InvariantCulture));
        }
        catch (RequestException ex) when (FailureReason.IsPermanent(ex))
        {
            return SendOutcome.Refused(sender.Describe(ex));
        }
        catch (RequestException ex)
        {
            var retryAfter = ex is ApiRequestException { Parameters.RetryAfter: { } seconds } ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            return SendOutcome.TryLater(sender.Describe(ex), retryAfter);
        }
    }

    private static ReplyTarget? TargetOf(OutboxMessage message) =>
        long.TryParse(message.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId)
        && TryOptional(message.ThreadId, out var thread) && TryOptional(message.QuoteMessageId, out var quote) && TryOptional(message.EditMessageId, out var edit)
            ? new ReplyTarget(chatId, thread, quote, edit)
            : null;

    /// <summary>An optional message or thread id: absent is fine, present must be a Telegram id.</summary>
    private static bool TryOptional(string? text, out int? id)
    {
        id = null;
        if (text is null)
            return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        id = value;
        return true;
    }
}
