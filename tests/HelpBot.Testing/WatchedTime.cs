using System.Collections.Concurrent;

namespace HelpBot.Testing;

/// <summary>
/// A clock standing still (see <see cref="VirtualTime"/>) that tells when code sets a timer, so a test moves the clock only once the code
/// is waiting on it (moved earlier, the timer would be set after the move and never fire).
/// </summary>
public sealed class WatchedTime(DateTimeOffset start) : VirtualTime(start, following: false)
{
    private readonly ConcurrentQueue<(TimeSpan DueTime, TaskCompletionSource Set)> _watches = new();

    /// <summary>Completes when a timer due in <paramref name="dueTime"/> is set (after this call).</summary>
    public Task WhenTimerSet(TimeSpan dueTime)
    {
        var set = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _watches.Enqueue((dueTime, set));
        return set.Task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        foreach (var (due, set) in _watches)
        {
            if (due == dueTime)
                set.TrySetResult();
        }
        return timer;
    }
}
