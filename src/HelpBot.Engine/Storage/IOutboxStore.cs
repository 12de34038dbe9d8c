namespace HelpBot.Engine.Storage;

/// <summary>
/// The outbox as the delivery loops use it, shared by every host instance on one database. Messages are written by
/// <see cref="IConversationStore.CommitAsync"/> (a turn's <see cref="TurnChanges.Outbox"/>) and
/// <see cref="IModerationStore.TryResolveQuestionAsync"/>, which assign <see cref="OutboxMessage.Sequence"/>.
/// <para>
/// Each chat (<see cref="OutboxMessage.Channel"/>, <see cref="OutboxMessage.ChatId"/>) is a queue: its <em>head</em> is its
/// pending message (<see cref="OutboxMessage.IsPending"/>) with the lowest sequence. A sender claims heads with a lease
/// (owner id and expiry); while a head is leased or not yet due, nothing else of that chat is handed out, so a chat's
/// messages go out in order and by one sender at a time. The owner then settles the head: sent, retry later, or expired;
/// the chat's next message becomes its head. A sender that dies leaves its lease to run out, and the head is claimed again.
/// </para>
/// Every settle call applies only while <paramref name="owner"/> still holds the lease and returns false otherwise.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="max"/> heads of <paramref name="channel"/>'s chats that are due
    /// (<see cref="OutboxMessage.NextAttemptAt"/> ≤ <paramref name="now"/>) and not leased (no lease, or one ended by
    /// <paramref name="now"/>), oldest sequence first, atomically across instances: each gets
    /// <see cref="OutboxMessage.LeaseOwner"/> = <paramref name="owner"/>, <see cref="OutboxMessage.LeaseUntil"/> =
    /// <paramref name="now"/> + <paramref name="lease"/> and one more <see cref="OutboxMessage.Attempts"/>. Returns them as stored after the claim.
    /// </summary>
    ValueTask<IReadOnlyList<OutboxMessage>> ClaimAsync(string channel, string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Sent: sets <see cref="OutboxMessage.DeliveredAt"/> and <see cref="OutboxMessage.ChannelMessageId"/>, clears the lease and the last error.
    /// A <see cref="OutboxPurpose.Reply"/> may be deleted instead, as nothing looks it up afterwards.
    /// </summary>
    ValueTask<bool> MarkSentAsync(string id, string owner, string? channelMessageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Not sent this time: sets <see cref="OutboxMessage.NextAttemptAt"/> and <see cref="OutboxMessage.LastError"/> to <paramref name="reason"/>, clears the lease.</summary>
    ValueTask<bool> RetryLaterAsync(string id, string owner, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken);

    /// <summary>Given up: sets <see cref="OutboxMessage.ExpiredAt"/> and <see cref="OutboxMessage.LastError"/> to <paramref name="reason"/>, clears the lease; the chat's next message is due.</summary>
    ValueTask<bool> ExpireAsync(string id, string owner, DateTimeOffset at, string reason, CancellationToken cancellationToken);

    /// <summary>How many messages are pending, for one channel or (null) all: the outbox depth.</summary>
    ValueTask<int> CountPendingAsync(string? channel, CancellationToken cancellationToken);
}
