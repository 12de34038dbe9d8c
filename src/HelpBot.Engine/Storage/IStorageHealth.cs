namespace HelpBot.Engine.Storage;

/// <summary>What the host asks of a store besides conversations: a full check at start and a cheap probe for readiness.</summary>
public interface IStorageHealth
{
    /// <summary>Where the data lives, for messages: a file path, or a server and database (never a password).</summary>
    string Location { get; }

    /// <summary>Reads every record the way the bot would; throws <see cref="StorageUnavailableException"/> naming what is wrong.</summary>
    ValueTask<StorageReport> VerifyAsync(CancellationToken cancellationToken);

    /// <summary>Whether the store answers right now (for <c>/readyz</c>); never throws.</summary>
    ValueTask<bool> IsReachableAsync(CancellationToken cancellationToken);
}

/// <summary>The result of <see cref="IStorageHealth.VerifyAsync"/>: how many records each collection or table holds.</summary>
public sealed record StorageReport(string Location, IReadOnlyDictionary<string, long> Counts)
{
    public override string ToString() =>
        $"{Location}: ok ({string.Join(", ", Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))})";
}
