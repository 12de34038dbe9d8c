using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace HelpBot.Channels.Telegram.Updates;

/// <summary>
/// Runs the updates of one chat one after another, in the order they arrived, and different chats in parallel.
/// At most <see cref="TelegramOptions.MaxPendingUpdates"/> are in flight; more wait. On shutdown the updates
/// in flight, then the callback answers they left running, are finished (within the host's shutdown timeout) before
/// their calls are cancelled.
/// </summary>
internal sealed class UpdateDispatcher : IHostedService, IDisposable
{
    private readonly UpdateHandler _handler;
    private readonly CallbackAnswers _answers;
    private readonly ILogger<UpdateDispatcher> _logger;
    private readonly SemaphoreSlim _capacity;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Task> _lastOfChat = [];
    private readonly HashSet<Task> _inFlight = [];

    public UpdateDispatcher(UpdateHandler handler, CallbackAnswers answers, IOptions<TelegramOptions> options, ILogger<UpdateDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _handler = handler;
        _answers = answers;
        _logger = logger;
        _capacity = new SemaphoreSlim(options.Value.MaxPendingUpdates, options.Value.MaxPendingUpdates);
    }

    /// <summary>Completes once the update is queued (after waiting for room); the task it returns completes once the update is handled.</summary>
    public async ValueTask<Task> EnqueueAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        await _capacity.WaitAsync(cancellationToken);
        var key = UpdateHandler.OrderKey(update);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? previous = null;
        lock (_gate)
        {
            if (key is { } chat)
            {
                previous = _lastOfChat.GetValueOrDefault(chat);
                _lastOfChat[chat] = done.Task;
            }
            _inFlight.Add(done.Task);
        }
        _ = Task.Run(() => RunAsync(update, key, previous, done), CancellationToken.None);
        return done.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Finishes what is in flight; when the host's shutdown timeout fires first, cancels it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await FinishUpdatesAsync(cancellationToken);
        // Only now: the updates finished above may have started answers.
        await _answers.DrainAsync(cancellationToken);
    }

    public void Dispose()
    {
        _abandon.Dispose();
        _capacity.Dispose();
    }

    private async Task FinishUpdatesAsync(CancellationToken cancellationToken)
    {
        Task[] pending;
        lock (_gate)
            pending = [.. _inFlight];
        if (pending.Length == 0)
            return;
        Log.Draining(_logger, pending.Length);
        try
        {
            await Task.WhenAll(pending).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abandon.CancelAsync();
        }
    }

    private async Task RunAsync(Update update, long? key, Task? previous, TaskCompletionSource done)
    {
        try
        {
            // Previous tasks are completion signals that never fault.
            if (previous is not null)
                await previous;
            await _handler.HandleAsync(update, _abandon.Token);
        }
        finally
        {
            lock (_gate)
            {
                if (key is { } chat && _lastOfChat.TryGetValue(chat, out var last) && last == done.Task)
                    _lastOfChat.Remove(chat);
                _inFlight.Remove(done.Task);
            }
            _capacity.Release();
            done.SetResult();
        }
    }
}
