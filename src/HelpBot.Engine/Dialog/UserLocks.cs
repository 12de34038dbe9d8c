namespace HelpBot.Engine.Dialog;

/// <summary>
/// Serializes turns of the same user (read-modify-write of their state) while other users run in parallel.
/// A fixed set of stripes keeps memory flat however many users there are.
/// </summary>
internal sealed class UserLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async ValueTask<Releaser> AcquireAsync(string userKey, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(userKey) % (uint)_stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        return new Releaser(stripe);
    }

    internal readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
