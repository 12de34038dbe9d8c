using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Delivery;

/// <summary>
/// A channel's way to deliver an outbox message: a reply to a turn, a moderators' post, an answer to an asker.
/// Implemented by each channel adapter; the host's delivery loop calls it for that channel's outbox, one message of a chat at a time.
/// </summary>
public interface IChannelSender
{
    /// <summary>The channel name as in <see cref="Dialog.Turn.Channel"/>.</summary>
    string Channel { get; }

    /// <summary>One attempt to send <paramref name="message"/>; says whether it went, may go later, or never can. Throwing counts as "try later".</summary>
    Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

public enum SendStatus
{
    Sent,

    /// <summary>Not now (rate limit, outage, server error): the message is tried again after a backoff or <see cref="SendOutcome.RetryAfter"/>.</summary>
    TryLater,

    /// <summary>The channel refused it for good (chat gone, bot blocked, bad request): sending it again cannot help.</summary>
    Refused,
}

/// <summary>What one send attempt came to. <see cref="Reason"/> is for logs: never a token or the message text.</summary>
public sealed record SendOutcome(SendStatus Status, string? ChannelMessageId = null, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public static SendOutcome Sent(string? channelMessageId) => new(SendStatus.Sent, channelMessageId);

    public static SendOutcome TryLater(string reason, TimeSpan? retryAfter = null) => new(SendStatus.TryLater, null, reason, retryAfter);

    public static SendOutcome Refused(string reason) => new(SendStatus.Refused, null, reason);
}
