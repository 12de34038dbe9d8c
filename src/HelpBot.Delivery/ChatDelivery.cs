using HelpBot.Engine.Delivery;
using HelpBot.Engine.Storage;

namespace HelpBot.Delivery;

/// <summary>
/// One chat's sender while this process holds the chat: it claims the chat (unless the outbox handed it over claimed),
/// takes its pending messages in order, sends them one by one, settles each before the next goes, and releases the
/// chat when it has nothing left, or when a message must wait for a retry (the outbox then says when it is due).
/// Messages committed in this process while it holds the chat join its queue without a read.
/// </summary>
internal sealed class ChatDelivery
{
    private readonly OutboxDispatcher _dispatcher;
    private readonly Lock _gate = new();
    private readonly List<OutboxMessage> _queue = [];
    private bool _holding;
    private bool _closing;

    public ChatDelivery(OutboxDispatcher dispatcher, OutboxChat chat)
    {
        _dispatcher = dispatcher;
        Chat = chat;
    }

    public OutboxChat Chat { get; }

    /// <summary>Completes when this sender has released the chat (or never got it).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(bool claimed, IReadOnlyList<OutboxMessage> known) => Completion = RunAsync(claimed, known);

    /// <summary>
    /// Queues messages just committed for this chat; false when this sender is closing and a new one must take them.
    /// Before the chat is held they are left to the claim's read, which sees every committed message.
    /// </summary>
    public bool TryAdd(IEnumerable<OutboxMessage> messages)
    {
        lock (_gate)
        {
            if (_closing)
                return false;
            // In the order committed here, which is the chat's order: the store numbered them as they were written.
            if (_holding)
                _queue.AddRange(messages.Where(m => !_queue.Exists(q => q.Id == m.Id)));
            return true;
        }
    }

    private async Task RunAsync(bool claimed, IReadOnlyList<OutboxMessage> known)
    {
        await Task.Yield();
        var store = _dispatcher.Store;
        var held = claimed;
        var stopped = false;
        try
        {
            var pending = claimed
                ? await store.ReadChatAsync(Chat, CancellationToken.None)
                : await store.TryClaimChatAsync(Chat, known, CancellationToken.None);
            if (pending is null)
                return; // another sender holds the chat; it looks at the outbox again when it lets the chat go
            held = true;
            lock (_gate)
            {
                _holding = true;
                _queue.AddRange(pending);
            }
            while (NextOrClose() is { } head)
            {
                if (!store.Holds(Chat))
                {
                    // The claim ended under it (a database connection dropped): another sender may have the chat now.
                    held = false;
                    stopped = true;
                    break;
                }
                var result = await _dispatcher.AttemptAsync(head);
                if (result != AttemptResult.Done)
                {
                    stopped = result == AttemptResult.Stopped;
                    break;
                }
                lock (_gate)
                    _queue.RemoveAt(0);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            stopped = true;
            _dispatcher.ChatFailed(Chat, ex);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: what is left stays in the outbox for the next start.
        }
        finally
        {
            lock (_gate)
                _closing = true;
            await _dispatcher.FinishedAsync(this, held, lookAgain: !stopped);
        }
    }

    /// <summary>The queue's head; none when it is empty or the dispatcher is letting go (then the chat closes).</summary>
    private OutboxMessage? NextOrClose()
    {
        lock (_gate)
        {
            if (_queue.Count > 0 && !_dispatcher.Abandoning)
                return _queue[0];
            _closing = true;
            return null;
        }
    }
}

internal enum AttemptResult
{
    /// <summary>Sent or given up: the chat's next message may go.</summary>
    Done,

    /// <summary>Settled to be tried again later: the chat waits until then.</summary>
    Later,

    /// <summary>Interrupted by shutdown or unsettled: the message stays pending as it was.</summary>
    Stopped,
}
