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

    /// <summary>The pause before trying again: doubling from <paramref name="first"/>, at most <paramref name="longest"/>.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan first, TimeSpan longest) =>
        TimeSpan.FromTicks(Math.Min(longest.Ticks, first.Ticks << Math.Min(attempt - 1, 16)));
}
