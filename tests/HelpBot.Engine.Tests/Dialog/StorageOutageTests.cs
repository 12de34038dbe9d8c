using System.Data.Common;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Tests.Dialog;

/// <summary>A database that is restarting: the turn waits for it and runs again, instead of apologising and losing the step.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task HandleAsync_StoreUnreachableTwice_WaitsBackingOffThenAnswersAndCommitsOnce()
    {
        var store = new RestartingStore(failures: 2);
        var time = new PauseRecorder();
        var engine = new DialogEngine(new DialogDependencies(new FixedContentProvider(TestContent.Load()), store) { Time = time });

        var reply = await engine.HandleAsync(Turn.FromAction(EngineHarness.Channel, "u1", "u1", "ru", "step:aliexpress:3"), TestContext.Current.CancellationToken);

        Assert.Contains("3/9", EngineHarness.TextOf(reply), StringComparison.Ordinal);
        Assert.DoesNotContain("пошло не так", EngineHarness.TextOf(reply), StringComparison.Ordinal);
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], time.Pauses);
        Assert.Single(store.Events, e => e.Kind == DialogEventKind.StepReached);
    }

    [Fact]
    public async Task HandleAsync_StoreFailsForGood_StillApologises()
    {
        var store = new RestartingStore(failures: 1, transient: false);
        var engine = new DialogEngine(new DialogDependencies(new FixedContentProvider(TestContent.Load()), store) { Time = new PauseRecorder() });

        var reply = await engine.HandleAsync(Turn.FromAction(EngineHarness.Channel, "u1", "u1", "ru", "step:aliexpress:3"), TestContext.Current.CancellationToken);

        Assert.Contains("пошло не так", EngineHarness.TextOf(reply), StringComparison.Ordinal);
        Assert.Empty(store.Events);
    }

    [Fact]
    public void Backoff_DoublesUpToTheLongest()
    {
        var pauses = Enumerable.Range(1, 7).Select(n => StorageOutage.Backoff(n, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5)).TotalMilliseconds);

        Assert.Equal([200, 400, 800, 1600, 3200, 5000, 5000], pauses);
    }

    /// <summary>Commits fail the first <c>failures</c> times, as ADO.NET reports a refused or dropped connection.</summary>
    private sealed class RestartingStore(int failures, bool transient = true) : IConversationStore
    {
        private readonly InMemoryConversationStore _inner = new();
        private int _left = failures;

        public IReadOnlyList<DialogEvent> Events => _inner.Events;

        public ValueTask<UserState?> FindUserAsync(string userKey, CancellationToken cancellationToken) => _inner.FindUserAsync(userKey, cancellationToken);

        public ValueTask<Feedback?> FindFeedbackAsync(string userKey, string guide, CancellationToken cancellationToken) => _inner.FindFeedbackAsync(userKey, guide, cancellationToken);

        public ValueTask<bool> WasHandledAsync(string deliveryId, CancellationToken cancellationToken) => _inner.WasHandledAsync(deliveryId, cancellationToken);

        public ValueTask CommitAsync(TurnChanges changes, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref _left) >= 0 ? throw new ServerGone(transient) : _inner.CommitAsync(changes, cancellationToken);

        public ValueTask<int> ForgetUserAsync(string userKey, CancellationToken cancellationToken) => _inner.ForgetUserAsync(userKey, cancellationToken);
    }

    private sealed class ServerGone(bool transient) : DbException("the database system is shutting down")
    {
        public override bool IsTransient => transient;
    }

    /// <summary>Records each pause the engine asks for and ends it at once, so the test neither sleeps nor reads the clock.</summary>
    private sealed class PauseRecorder : TimeProvider
    {
        public List<TimeSpan> Pauses { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Pauses)
                Pauses.Add(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new EndedTimer();
        }

        private sealed class EndedTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
