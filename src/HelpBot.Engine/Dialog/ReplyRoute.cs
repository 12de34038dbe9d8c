using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Dialog;

/// <summary>
/// A channel's request to have a turn's reply delivered from the outbox: the engine stores the reply's messages with the
/// turn, in the same commit, and the channel's sender delivers them (in order per chat, retried until sent). Ids are the
/// channel's own, as text.
/// </summary>
public sealed record ReplyRoute
{
    /// <summary>How many leading messages the channel sends itself at once (Discord's interaction response); the rest are queued.</summary>
    public int SentDirectly { get; init; }

    /// <summary>A forum topic or thread inside the chat.</summary>
    public string? ThreadId { get; init; }

    /// <summary>The user's message the first queued message quotes (groups).</summary>
    public string? QuoteMessageId { get; init; }

    /// <summary>The bot message whose button was pressed: a reply that edits in place replaces it.</summary>
    public string? PressedMessageId { get; init; }

    /// <summary>A short-lived handle for answering the turn (Discord's interaction token).</summary>
    public string? ReplyHandle { get; init; }

    /// <summary>The outbox messages of <paramref name="reply"/> past <see cref="SentDirectly"/>, for <paramref name="turn"/>'s chat.</summary>
    internal IReadOnlyList<OutboxMessage> Queue(Turn turn, Reply reply, DateTimeOffset now)
    {
        var queued = new List<OutboxMessage>();
        foreach (var message in reply.Messages.Skip(SentDirectly))
        {
            var first = queued.Count == 0 && SentDirectly == 0;
            queued.Add(new OutboxMessage
            {
                Id = Guid.NewGuid().ToString("N"),
                Channel = turn.Channel,
                ChatId = turn.ChatId,
                UserKey = turn.UserKey,
                Community = turn.Community,
                Purpose = OutboxPurpose.Reply,
                Text = message.Text,
                Buttons = OutboxMessage.ButtonsOf(message),
                Attachments = OutboxMessage.AttachmentsOf(message),
                ThreadId = ThreadId,
                QuoteMessageId = first ? QuoteMessageId : null,
                EditMessageId = first && reply.EditInPlace ? PressedMessageId : null,
                ReplyHandle = ReplyHandle,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
        return queued;
    }
}
