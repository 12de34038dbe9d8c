namespace HelpBot.Engine.Storage;

/// <summary>One chat's queue in the outbox: a channel and a chat id in it.</summary>
public readonly record struct OutboxChat(string Channel, string ChatId)
{
    public static OutboxChat Of(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Channel, message.ChatId);
    }

    public override string ToString() => Channel + ":" + ChatId;
}

/// <summary>How a send attempt ended, as the outbox records it.</summary>
public enum OutboxOutcome
{
    /// <summary>Delivered: a reply is deleted, a post or answer kept (with its channel message id) until pruned.</summary>
    Sent,

    /// <summary>Not sent this time: due again at <see cref="OutboxSettlement.At"/>; its chat waits behind it.</summary>
    RetryLater,

    /// <summary>Given up (deadline passed or refused for good): kept, with its last error, until pruned; the chat's next message goes.</summary>
    Expired,
}

/// <summary>What one attempt at a message came to, for <see cref="IOutboxStore.SettleAsync"/>.</summary>
/// <param name="At">When it was sent or expired; for <see cref="OutboxOutcome.RetryLater"/>, when it is due again.</param>
public sealed record OutboxSettlement(OutboxMessage Message, OutboxOutcome Outcome, DateTimeOffset At, string? ChannelMessageId = null, string? Error = null);

/// <summary>
/// The outbox as the delivery loop uses it: the durable record of messages on their way, shared by every host instance on
/// one database. Messages are appended by <see cref="IConversationStore.CommitAsync"/> (a turn's
/// <see cref="TurnChanges.Outbox"/>) and <see cref="IModerationStore.TryResolveQuestionAsync"/>, which assign
/// <see cref="OutboxMessage.Sequence"/>.
/// <para>
/// Each chat is a queue: its <em>head</em> is its pending message with the lowest sequence, and nothing behind the head
/// goes before it. A sender works on <em>chats</em>, not messages: it claims a chat (exclusively, across instances),
/// sends its messages in order, settles each, and releases the chat. A chat's claim belongs to the claiming process
/// and ends when it releases it or dies (PostgreSQL: a session advisory lock, freed the moment the process's
/// connection closes), so another instance takes a dead one's chats over at its next look rather than after a lease.
/// </para>
/// Claims cost what is due, not what is stored: due chats are found through an index of heads.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="max"/> chats of <paramref name="channel"/> whose head is due (<see
    /// cref="OutboxMessage.NextAttemptAt"/> ≤ <paramref name="now"/>) and which nobody holds, oldest head first.
    /// </summary>
    ValueTask<IReadOnlyList<OutboxChat>> ClaimDueChatsAsync(string channel, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Claims one chat if nobody holds it and returns its pending messages in order (an empty list when it has none);
    /// null when another sender holds it (it looks again when it releases the chat). <paramref name="known"/> are
    /// messages the caller already has (just committed in this process): a store may hand those back instead of reading them.
    /// </summary>
    ValueTask<IReadOnlyList<OutboxMessage>?> TryClaimChatAsync(OutboxChat chat, IReadOnlyCollection<OutboxMessage> known, CancellationToken cancellationToken);

    /// <summary>A claimed chat's pending messages, in order.</summary>
    ValueTask<IReadOnlyList<OutboxMessage>> ReadChatAsync(OutboxChat chat, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a claimed chat up; returns whether it still has a due message, written meanwhile by someone who could not
    /// claim it (looked at after the release, so such a message is never left behind).
    /// </summary>
    ValueTask<bool> ReleaseChatAsync(OutboxChat chat, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this process still holds <paramref name="chat"/>: false once its claims have ended without a release (a
    /// PostgreSQL connection that dropped took its locks with it), when another instance may already be sending to it.
    /// </summary>
    bool Holds(OutboxChat chat);

    /// <summary>
    /// Records how attempts at messages of claimed chats ended. A store may write settlements of many chats together;
    /// the call completes when they are durable.
    /// </summary>
    ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken);

    /// <summary>How many messages are pending, for one channel or (null) all: the outbox depth.</summary>
    ValueTask<int> CountPendingAsync(string? channel, CancellationToken cancellationToken);

    /// <summary>Deletes kept messages (sent posts and answers, expired ones) settled before <paramref name="settledBefore"/>; returns how many.</summary>
    ValueTask<int> PruneAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken);
}
