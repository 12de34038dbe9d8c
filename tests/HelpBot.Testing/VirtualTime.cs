using Microsoft.Extensions.Time.Testing;

namespace HelpBot.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> on which nothing waits: as soon as a timer is set, the clock moves to its due time
/// (never back). Retry delays and rate-limit waits then take no real time, and the clock, shared with a fake server's
/// record of calls, says how long each wait was. Only for code without a timer loop of its own (a loop would spin the
/// clock forward), so not for a whole host with its delivery loop: use a plain <see cref="FakeTimeProvider"/> there.
/// </summary>
public sealed class VirtualTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();

    public VirtualTime()
        : this(DefaultStart)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            var due = GetUtcNow() + dueTime;
            // Not inline: the code setting the timer must get it before its callback runs.
            ThreadPool.QueueUserWorkItem(_ =>
            {
                lock (_gate)
                {
                    if (GetUtcNow() < due)
                        SetUtcNow(due);
                }
            });
        }
        return timer;
    }
}
