using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace HelpBot.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> in one of two modes. Following (the default), nothing waits on it: as soon as a
/// timer is set, the clock moves to its due time (never back). Retry delays and rate-limit waits then take no real
/// time, and the clock, shared with a fake server's record of calls, says how long each wait was. A timer loop would
/// spin a following clock forward, so a whole host with its delivery loop runs on one <see cref="StandingStill"/>,
/// which moves only when the test moves it, until the host shuts down: shutdown waits on the clock too (Polly's
/// pipelines, disposed with the host, poll it until their last call has ended), so the host's owner calls
/// <see cref="Follow"/> first, or a call still ending at that moment would keep the test waiting forever.
/// </summary>
public class VirtualTime : FakeTimeProvider
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private volatile bool _following;

    public VirtualTime()
        : this(DefaultStart)
    {
    }

    public VirtualTime(DateTimeOffset start)
        : this(start, following: true)
    {
    }

    protected VirtualTime(DateTimeOffset start, bool following)
        : base(start) => _following = following;

    /// <summary>A clock that moves only when the test moves it (until <see cref="Follow"/>).</summary>
    public static VirtualTime StandingStill(DateTimeOffset? start = null) => new(start ?? DefaultStart, following: false);

    /// <summary>From now on, every timer set fires at once (the clock moves to its due time).</summary>
    public void Follow() => _following = true;

    /// <summary>
    /// Moves the clock <paramref name="step"/> at a time until <paramref name="done"/>, pausing briefly in real time between
    /// moves so that work woken by one (an HTTP call, say) can set its next timer; fails after <paramref name="timeout"/> of real time.
    /// </summary>
    public async Task AdvanceUntilAsync(Func<bool> done, TimeSpan step, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        var moving = Stopwatch.StartNew();
        while (!done())
        {
            if (moving.Elapsed > timeout)
                throw new TimeoutException($"not done after moving the clock for {timeout.TotalSeconds:0} s");
            Advance(step);
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (_following && dueTime != Timeout.InfiniteTimeSpan)
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
