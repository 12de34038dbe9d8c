using HelpBot.Channels.Telegram.Sending;
using HelpBot.Channels.Telegram.Setup;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace HelpBot.Channels.Telegram.Updates;

/// <summary>
/// A message to the bot. In a private chat every message is a turn (non-text ones get the engine's "send text" hint);
/// in a group only commands addressed to this bot and replies to its own messages are, so it never answers the room
/// (in a moderators' chat every command counts).
/// </summary>
internal sealed class MessageHandler(
    IDialogEngine engine,
    ReplySender replies,
    BotIdentity identity,
    Moderators moderators,
    ILogger<MessageHandler> logger)
{
    public async Task HandleAsync(int updateId, Message message, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } from || message.Chat is null)
        {
            Log.Ignored(logger, updateId, "a message from a bot or without a sender");
            return;
        }
        var isPrivate = message.Chat.Type == ChatType.Private;
        if (isPrivate ? IsService(message) : !await IsAddressedToBotAsync(message, cancellationToken))
        {
            Log.Ignored(logger, updateId, isPrivate ? "a service message" : "a group message not addressed to the bot");
            return;
        }

        var target = new ReplyTarget(
            message.Chat.Id,
            ThreadId: message.IsTopicMessage ? message.MessageThreadId : null,
            QuoteMessageId: isPrivate ? null : message.Id);
        var turn = TelegramTurns.FromMessage(updateId, message, from, message.Text ?? "", moderators, identity.Id) with { ReplyRoute = TelegramTurns.RouteTo(target) };
        var reply = await engine.HandleAsync(turn, cancellationToken);
        // The reply is in the outbox with the turn; what comes back is only what could not be stored (the apology for a failed turn).
        if (reply.Messages.Count > 0)
            await replies.DeliverAsync(target, reply, cancellationToken);
    }

    private async ValueTask<bool> IsAddressedToBotAsync(Message message, CancellationToken cancellationToken)
    {
        if (message.ReplyToMessage?.From?.Id == identity.Id)
            return true;
        if (message.Text is not { Length: > 1 } text || text[0] != '/')
            return false;
        var end = text.AsSpan().IndexOfAny(' ', '\n', '\t');
        var word = end < 0 ? text[1..] : text[1..end];
        var at = word.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            // In the moderators' own chat every command is for the bot; elsewhere only the ones it has.
            return moderators.IsModeratorsChat(message.Chat.Id) || CommandMenu.IsKnown(word.ToLowerInvariant());
        }
        var username = await identity.GetUsernameAsync(cancellationToken);
        return username is not null && word[(at + 1)..].Equals(username, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Joins, leaves, pins and the like: events in the chat, not something the user said to the bot.</summary>
    private static bool IsService(Message message) => message.Type is not (
        MessageType.Text or MessageType.Photo or MessageType.Audio or MessageType.Video or MessageType.Voice
        or MessageType.Document or MessageType.Sticker or MessageType.Location or MessageType.Contact or MessageType.Venue
        or MessageType.VideoNote or MessageType.Animation or MessageType.Poll or MessageType.Dice or MessageType.Story
        or MessageType.Unknown);
}
