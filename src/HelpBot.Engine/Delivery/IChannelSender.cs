using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Delivery;

/// <summary>
/// A channel's way to post a message outside a conversation turn (moderators' posts, answers to askers).
/// Implemented by each channel adapter; the host's delivery loop calls it for that channel's outbox.
/// </summary>
public interface IChannelSender
{
    /// <summary>The channel name as in <see cref="Dialog.Turn.Channel"/>.</summary>
    string Channel { get; }

    /// <summary>Sends the message and returns the channel's id for it; throws when it could not be sent.</summary>
    Task<string> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
