namespace HelpBot.Engine.Storage;

/// <summary>
/// <see cref="IOutboxStore"/>'s rules over messages held in memory, for stores that pick heads in process
/// (LiteDB, the in-memory store); a SQL store says the same in its queries.
/// </summary>
public static class OutboxHeads
{
    /// <summary>Of <paramref name="pending"/> (one channel's pending messages), the chats' heads that may be claimed now, oldest first.</summary>
    public static IEnumerable<OutboxMessage> Claimable(IEnumerable<OutboxMessage> pending, DateTimeOffset now, int max) =>
        pending.GroupBy(o => o.ChatId, StringComparer.Ordinal)
            .Select(chat => chat.MinBy(o => o.Sequence)!)
            .Where(head => head.NextAttemptAt <= now && (head.LeaseUntil is not { } until || until <= now))
            .OrderBy(head => head.Sequence)
            .Take(max);

    public static void Claim(OutboxMessage message, string owner, DateTimeOffset now, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.LeaseOwner = owner;
        message.LeaseUntil = now + lease;
        message.Attempts++;
    }

    /// <summary>Whether <paramref name="owner"/> may settle <paramref name="message"/>: it is pending and still leased to them.</summary>
    public static bool IsHeldBy(OutboxMessage? message, string owner) =>
        message is { IsPending: true } && message.LeaseOwner == owner;

    public static void MarkSent(OutboxMessage message, string? channelMessageId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.DeliveredAt = at;
        message.ChannelMessageId = channelMessageId;
        message.LastError = null;
        Release(message);
    }

    public static void RetryLater(OutboxMessage message, DateTimeOffset nextAttemptAt, string error)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.NextAttemptAt = nextAttemptAt;
        message.LastError = error;
        Release(message);
    }

    public static void Expire(OutboxMessage message, DateTimeOffset at, string error)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.ExpiredAt = at;
        message.LastError = error;
        Release(message);
    }

    private static void Release(OutboxMessage message)
    {
        message.LeaseOwner = null;
        message.LeaseUntil = null;
    }
}
