using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Delivery;

/// <summary>
/// Hands outbox messages to this process's delivery loop the moment their commit has succeeded, so a reply goes out
/// without the loop reading the store back (the store stays the durable record, read on start and for other
/// instances' work). The engine feeds it; channels need not signal anything.
/// </summary>
public sealed class OutboxFeed
{
    private volatile Action<IReadOnlyList<OutboxMessage>>? _subscriber;

    /// <summary>The delivery loop: called on the committing thread, so it must only queue the messages.</summary>
    public void Subscribe(Action<IReadOnlyList<OutboxMessage>> subscriber) => _subscriber = subscriber;

    public void Committed(IReadOnlyList<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count > 0)
            _subscriber?.Invoke(messages);
    }
}
