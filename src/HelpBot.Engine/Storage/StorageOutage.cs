using System.Data.Common;

namespace HelpBot.Engine.Storage;

/// <summary>
/// A failure that passes with time: the database server is restarting, refusing connections or cut off. A turn that
/// meets one is run again once the store answers, instead of being answered with an apology and lost; providers report
/// it as ADO.NET does (<see cref="DbException.IsTransient"/>, which Npgsql sets for refused, broken and shut-down connections).
/// </summary>
public static class StorageOutage
{
    public static bool IsTransient(Exception exception) => exception is DbException { IsTransient: true };

    /// <summary>
    /// The pause before trying again: doubling from <paramref name="first"/>, at most <paramref name="longest"/>, plus up
    /// to <paramref name="jitter"/> of it at random, so that many waiters hit by one outage do not retry in lockstep.
    /// </summary>
    public static TimeSpan Backoff(int attempt, TimeSpan first, TimeSpan longest, double jitter = 0) =>
        TimeSpan.FromTicks(Math.Min(longest.Ticks, first.Ticks << Math.Clamp(attempt - 1, 0, 16))) * (1 + (Random.Shared.NextDouble() * jitter));
}
