namespace HelpBot.Delivery;

/// <summary>
/// Wakes the delivery loop before its next tick: a retry has fallen due, or a chat was let go. Rings are not counted:
/// one look serves any number.
/// </summary>
internal sealed class Doorbell
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
