using System.Collections.Concurrent;

namespace HelpBot.Channels.Http;

/// <summary>
/// API calls a channel leaves running after the update or request that started them, so that nobody waits for them.
/// They are tracked because the host must let them end before it disposes the HTTP clients under them: Polly's
/// pipeline, disposed with its client, waits for the executions still pending on the host's clock.
/// </summary>
public sealed class BackgroundCalls : IDisposable
{
    private readonly CancellationTokenSource _abandon = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Cancelled only when shutdown runs out of time with calls still running.</summary>
    public CancellationToken Abandoned => _abandon.Token;

    public int Count => _running.Count;

    /// <summary>Runs <paramref name="call"/> on the thread pool with <see cref="Abandoned"/>; it handles its own failures.</summary>
    public Task Start(Func<CancellationToken, Task> call)
    {
        var task = Task.Run(() => call(_abandon.Token), CancellationToken.None);
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>
    /// Waits for the calls running, those started meanwhile too; when <paramref name="shutdownTimeout"/> fires first,
    /// cancels them and waits for them to end, so that none is left running.
    /// </summary>
    public async Task DrainAsync(CancellationToken shutdownTimeout)
    {
        try
        {
            while (!_running.IsEmpty)
                await Task.WhenAll(_running.Keys).WaitAsync(shutdownTimeout);
        }
        catch (OperationCanceledException)
        {
            await _abandon.CancelAsync();
            // Cancelled calls end at once.
            await Task.WhenAll(_running.Keys);
        }
    }

    public void Dispose() => _abandon.Dispose();
}
