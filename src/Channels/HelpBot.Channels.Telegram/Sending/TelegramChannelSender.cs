using System.Globalization;
using HelpBot.Channels.Telegram.Updates;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Storage;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// The outbox's way into Telegram: questions posted to moderators' chats, answers to askers. A Telegram private
/// chat has the user's id, so the chat id is all it needs. It throws when Telegram refuses, so the outbox retries later.
/// </summary>
internal sealed class TelegramChannelSender(ReplySender replies) : IChannelSender
{
    public string Channel => TelegramTurns.ChannelName;

    public async Task<string> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!long.TryParse(message.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
            throw new FormatException($"'{message.ChatId}' is not a Telegram chat id");
        var id = await replies.SendAsync(new ReplyTarget(chatId), message.ToMessage(), cancellationToken);
        return id.ToString(CultureInfo.InvariantCulture);
    }
}
