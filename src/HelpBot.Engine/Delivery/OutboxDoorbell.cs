namespace HelpBot.Engine.Delivery;

/// <summary>
/// Rung when something may have joined the outbox (a turn committed) or left a chat's head (a message settled), so the
/// delivery loop looks at once instead of at its next tick. Rings are not counted: one look serves any number.
/// </summary>
public sealed class OutboxDoorbell
{
    private TaskCompletionSource _rung = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Ring() => Volatile.Read(ref _rung).TrySetResult();

    /// <summary>Completes at the next ring (at once if one came since the last <see cref="Listen"/>).</summary>
    public Task Listen()
    {
        var current = Volatile.Read(ref _rung);
        if (!current.Task.IsCompleted)
            return current.Task;
        // Consume the ring and hand out a fresh waiter; a ring racing with this lands on one of the two.
        Interlocked.CompareExchange(ref _rung, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        return Task.CompletedTask;
    }
}
