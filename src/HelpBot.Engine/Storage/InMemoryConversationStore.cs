using System.Collections.Concurrent;

namespace HelpBot.Engine.Storage;

/// <summary>A process-local store for tests, replay and benchmarks; a lock makes each commit atomic.</summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<string, UserState> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Feedback> _feedback = new(StringComparer.Ordinal);
    private readonly List<Question> _questions = [];
    private readonly List<DialogEvent> _events = [];
    private readonly HashSet<string> _deliveries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyList<Question> Questions { get { lock (_gate) return [.. _questions]; } }

    public IReadOnlyList<DialogEvent> Events { get { lock (_gate) return [.. _events]; } }

    public IReadOnlyList<Feedback> Feedback { get { lock (_gate) return [.. _feedback.Values]; } }

    public ValueTask<UserState?> FindUserAsync(string userKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_users.TryGetValue(userKey, out var state) ? state.Clone() : null);

    public ValueTask<Feedback?> FindFeedbackAsync(string userKey, string guide, CancellationToken cancellationToken)
    {
        lock (_gate)
            return ValueTask.FromResult(_feedback.GetValueOrDefault(Storage.Feedback.IdFor(userKey, guide)));
    }

    public ValueTask<bool> WasHandledAsync(string deliveryId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return ValueTask.FromResult(_deliveries.Contains(deliveryId));
    }

    public ValueTask CommitAsync(TurnChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            if (changes.State is { } state)
                _users[state.Key] = state.Clone();
            if (changes.Feedback is { } feedback)
                _feedback[feedback.Id] = feedback;
            if (changes.Question is { } question)
                _questions.Add(question);
            _events.AddRange(changes.Events);
            if (changes.DeliveryId is { } delivery)
                _deliveries.Add(delivery);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> ForgetUserAsync(string userKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var removed = _users.TryRemove(userKey, out _) ? 1 : 0;
            foreach (var id in _feedback.Where(f => f.Value.UserKey == userKey).Select(f => f.Key).ToList())
                removed += _feedback.Remove(id) ? 1 : 0;
            removed += _questions.RemoveAll(q => q.UserKey == userKey);
            removed += _events.RemoveAll(e => e.UserKey == userKey);
            return ValueTask.FromResult(removed);
        }
    }
}
