namespace HelpBot.Storage.Postgres;

/// <summary>
/// Group sending: requests that arrive while a batch is on its way to the server wait and go together in the next one,
/// so a burst costs a round trip or two rather than one each. One batch is sent at a time; <c>send</c> completes each
/// request's own result (or fault) itself.
/// </summary>
internal sealed class Batcher<T>(Func<IReadOnlyList<T>, Task> send)
{
    private readonly Lock _gate = new();
    private readonly List<T> _waiting = [];
    private bool _sending;

    public void Add(T request)
    {
        lock (_gate)
        {
            _waiting.Add(request);
            if (_sending)
                return;
            _sending = true;
        }
        _ = SendAllAsync();
    }

    private async Task SendAllAsync()
    {
        await Task.Yield();
        while (true)
        {
            T[] batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }
                batch = [.. _waiting];
                _waiting.Clear();
            }
            await send(batch);
        }
    }
}
