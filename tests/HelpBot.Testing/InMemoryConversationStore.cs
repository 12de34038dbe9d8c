using System.Collections.Concurrent;

namespace HelpBot.Engine.Storage;

/// <summary>A process-local store for tests, replay and benchmarks; a lock makes each commit atomic.</summary>
public sealed class InMemoryConversationStore : IConversationStore, IModerationStore, IOutboxStore, IReviewStore
{
    private readonly ConcurrentDictionary<string, UserState> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Feedback> _feedback = new(StringComparer.Ordinal);
    private readonly List<Question> _questions = [];
    private readonly List<DialogEvent> _events = [];
    private readonly Dictionary<string, OutboxMessage> _outbox = new(StringComparer.Ordinal);
    private readonly OutboxIndex _outboxIndex = new();
    private readonly HashSet<string> _deliveries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReviewDecision> _decisions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _sequence;

    public IReadOnlyList<Question> Questions { get { lock (_gate) return [.. _questions]; } }

    public IReadOnlyList<DialogEvent> Events { get { lock (_gate) return [.. _events]; } }

    public IReadOnlyList<Feedback> Feedback { get { lock (_gate) return [.. _feedback.Values]; } }

    public IReadOnlyList<OutboxMessage> Outbox { get { lock (_gate) return _outbox.Values.OrderBy(o => o.Sequence).Select(o => o.Clone()).ToList(); } }

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
            changes.Outbox.ForEach(AddToOutbox);
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
            var outbox = _outbox.Values.Where(o => o.UserKey == userKey).Select(o => o.Id).ToList();
            outbox.ForEach(id => _outbox.Remove(id));
            _outboxIndex.Remove(outbox);
            return ValueTask.FromResult(removed + outbox.Count);
        }
    }

    public ValueTask<Question?> FindQuestionAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return ValueTask.FromResult(_questions.Find(q => q.Id == id));
    }

    public ValueTask<IReadOnlyList<Question>> ListQuestionsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        Select(_questions, q => q.Community == community && q.AskedAt >= since, q => q.AskedAt);

    public ValueTask<int> CountOpenQuestionsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return ValueTask.FromResult(_questions.Count(q => q.Status == QuestionStatus.Open));
    }

    public ValueTask<IReadOnlyList<Feedback>> ListFeedbackAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        Select(_feedback.Values, f => f.Community == community && f.At >= since, f => f.At);

    public ValueTask<IReadOnlyList<DialogEvent>> ListEventsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        Select(_events, e => e.Community == community && e.At >= since, e => e.At);

    public ValueTask<IReadOnlyList<DialogEvent>> ListEventsAsync(string community, IReadOnlyCollection<DialogEventKind> kinds, DateTimeOffset since, CancellationToken cancellationToken) =>
        Select(_events, e => e.Community == community && e.At >= since && kinds.Contains(e.Kind), e => e.At);

    public ValueTask<IReadOnlyList<Question>> ListOpenQuestionsAsync(string community, CancellationToken cancellationToken) =>
        Select(_questions, q => q.Community == community && q.Status == QuestionStatus.Open, q => q.AskedAt);

    public ValueTask<IReadOnlyList<DialogEvent>> ListUserEventsAsync(string userKey, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
            return ValueTask.FromResult<IReadOnlyList<DialogEvent>>(_events.Where(e => e.UserKey == userKey).OrderByDescending(e => e.At).Take(max).Reverse().ToList());
    }

    public ValueTask<bool> TryResolveQuestionAsync(Question resolved, OutboxMessage? delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        lock (_gate)
        {
            var index = _questions.FindIndex(q => q.Id == resolved.Id);
            if (index < 0 || _questions[index].Status != QuestionStatus.Open)
                return ValueTask.FromResult(false);
            _questions[index] = resolved;
            if (delivery is not null)
                AddToOutbox(delivery);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> RateAnswerAsync(string questionId, string userKey, bool helpful, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var question = _questions.Find(q => q.Id == questionId && q.UserKey == userKey && q.Status == QuestionStatus.Answered);
            if (question is not null)
                question.AnswerHelpful = helpful;
            return ValueTask.FromResult(question is not null);
        }
    }

    public ValueTask<IReadOnlyList<OutboxMessage>> PendingOutboxAsync(string community, CancellationToken cancellationToken)
    {
        lock (_gate)
            return ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(_outbox.Values.Where(o => o.IsPending && o.Community == community).OrderBy(o => o.Sequence).Select(o => o.Clone()).ToList());
    }

    public ValueTask<IReadOnlyList<OutboxChat>> ClaimDueChatsAsync(string channel, DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_outboxIndex.ClaimDue(channel, now, max));

    public ValueTask<IReadOnlyList<OutboxMessage>?> TryClaimChatAsync(OutboxChat chat, IReadOnlyCollection<OutboxMessage> known, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<OutboxMessage>?>(_outboxIndex.TryClaim(chat) is { } ids ? Messages(ids) : null);

    public ValueTask<IReadOnlyList<OutboxMessage>> ReadChatAsync(OutboxChat chat, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<OutboxMessage>>(Messages(_outboxIndex.Pending(chat)));

    public ValueTask<bool> ReleaseChatAsync(OutboxChat chat, DateTimeOffset now, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_outboxIndex.Release(chat, now));

    public bool Holds(OutboxChat chat) => _outboxIndex.Holds(chat);

    public ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        lock (_gate)
        {
            foreach (var settlement in settlements)
            {
                if (!_outbox.TryGetValue(settlement.Message.Id, out var message))
                    continue;
                message.Attempts = settlement.Message.Attempts;
                switch (settlement.Outcome)
                {
                    case OutboxOutcome.Sent when message.Purpose == OutboxPurpose.Reply:
                        _outbox.Remove(message.Id);
                        break;
                    case OutboxOutcome.Sent:
                        (message.DeliveredAt, message.ChannelMessageId, message.LastError) = (settlement.At, settlement.ChannelMessageId, null);
                        break;
                    case OutboxOutcome.Expired:
                        (message.ExpiredAt, message.LastError) = (settlement.At, settlement.Error);
                        break;
                    default:
                        (message.NextAttemptAt, message.LastError) = (settlement.At, settlement.Error);
                        break;
                }
            }
        }
        _outboxIndex.Settle(settlements);
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> CountPendingAsync(string? channel, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_outboxIndex.CountPending(channel));

    public ValueTask<int> PruneAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _outbox.Values.Where(o => (o.DeliveredAt ?? o.ExpiredAt) < settledBefore).Select(o => o.Id).ToList();
            old.ForEach(id => _outbox.Remove(id));
            return ValueTask.FromResult(old.Count);
        }
    }

    private List<OutboxMessage> Messages(IReadOnlyList<string> ids)
    {
        lock (_gate)
            return ids.Where(_outbox.ContainsKey).Select(id => _outbox[id].Clone()).ToList();
    }

    private void AddToOutbox(OutboxMessage message)
    {
        var stored = message.Clone();
        stored.Sequence = message.Sequence = ++_sequence;
        _outbox.Add(stored.Id, stored);
        _outboxIndex.Add([stored]);
    }

    public ValueTask<OutboxMessage?> FindPostAsync(string channel, string chatId, string channelMessageId, CancellationToken cancellationToken)
    {
        lock (_gate)
            return ValueTask.FromResult(_outbox.Values.FirstOrDefault(o => o.Channel == channel && o.ChatId == chatId && o.ChannelMessageId == channelMessageId)?.Clone());
    }

    public ValueTask<IReadOnlyList<ReviewDecision>> ListReviewDecisionsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) =>
        Select(_decisions.Values, d => d.Community == community && d.At >= since, d => d.At);

    public ValueTask SaveReviewDecisionAsync(ReviewDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        lock (_gate)
            _decisions[decision.Id] = decision;
        return ValueTask.CompletedTask;
    }

    private ValueTask<IReadOnlyList<T>> Select<T>(IEnumerable<T> source, Func<T, bool> filter, Func<T, DateTimeOffset> order, int max = int.MaxValue)
    {
        lock (_gate)
            return ValueTask.FromResult<IReadOnlyList<T>>(source.Where(filter).OrderBy(order).Take(max).ToList());
    }
}
