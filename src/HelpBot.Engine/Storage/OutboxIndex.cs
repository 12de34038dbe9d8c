namespace HelpBot.Engine.Storage;

/// <summary>
/// The outbox's chat heads held in memory, for a store that is the only process using its data (LiteDB's directly
/// opened file, the in-memory store). Built once from the pending messages when the store opens and kept exact by the
/// store's appends and settlements, it finds due chats in order of their heads without reading a message, so a claim
/// costs what is due rather than what is stored; it also holds the claims, which need not outlive the process.
/// Thread-safe.
/// </summary>
public sealed class OutboxIndex
{
    private readonly Lock _gate = new();

    // Every pending message, by chat and sequence.
    private readonly Dictionary<OutboxChat, SortedList<long, Entry>> _chats = [];

    // The heads of unclaimed chats with pending messages, per channel, by when they are due.
    private readonly Dictionary<string, SortedSet<Head>> _heads = new(StringComparer.Ordinal);
    private readonly HashSet<OutboxChat> _claimed = [];
    private int _count;

    private readonly record struct Entry(string Id, DateTimeOffset Due);

    private readonly record struct Head(DateTimeOffset Due, long Sequence, OutboxChat Chat);

    private sealed class HeadOrder : IComparer<Head>
    {
        public static readonly HeadOrder Instance = new();

        // Sequences are unique, so two heads never compare equal.
        public int Compare(Head x, Head y) => x.Due != y.Due ? x.Due.CompareTo(y.Due) : x.Sequence.CompareTo(y.Sequence);
    }

    /// <summary>Adds pending messages (read at open, or just committed).</summary>
    public void Add(IEnumerable<OutboxMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        lock (_gate)
        {
            foreach (var message in messages.Where(m => m.IsPending))
            {
                var chat = OutboxChat.Of(message);
                WithoutHead(chat, queue => queue[message.Sequence] = new Entry(message.Id, message.NextAttemptAt));
                _count++;
            }
        }
    }

    /// <summary>Applies recorded settlements: sent and expired messages leave their chat, a retried one gets its new due time.</summary>
    public void Settle(IEnumerable<OutboxSettlement> settlements)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        lock (_gate)
        {
            foreach (var settlement in settlements)
            {
                var message = settlement.Message;
                var chat = OutboxChat.Of(message);
                if (!_chats.ContainsKey(chat))
                    continue;
                WithoutHead(chat, queue =>
                {
                    if (!queue.TryGetValue(message.Sequence, out var entry))
                        return;
                    if (settlement.Outcome == OutboxOutcome.RetryLater)
                    {
                        queue[message.Sequence] = entry with { Due = settlement.At };
                    }
                    else
                    {
                        queue.Remove(message.Sequence);
                        _count--;
                    }
                });
            }
        }
    }

    /// <summary>Drops messages deleted from the store (a user's /forget).</summary>
    public void Remove(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
            return;
        var gone = ids.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var chat in _chats.Where(c => c.Value.Values.Any(e => gone.Contains(e.Id))).Select(c => c.Key).ToList())
            {
                WithoutHead(chat, queue =>
                {
                    foreach (var sequence in queue.Where(e => gone.Contains(e.Value.Id)).Select(e => e.Key).ToList())
                    {
                        queue.Remove(sequence);
                        _count--;
                    }
                });
            }
        }
    }

    /// <inheritdoc cref="IOutboxStore.ClaimDueChatsAsync"/>
    public IReadOnlyList<OutboxChat> ClaimDue(string channel, DateTimeOffset now, int max)
    {
        var claimed = new List<OutboxChat>();
        lock (_gate)
        {
            if (!_heads.TryGetValue(channel, out var heads))
                return claimed;
            while (claimed.Count < max && heads.Count > 0 && heads.Min.Due <= now)
            {
                var head = heads.Min;
                heads.Remove(head);
                _claimed.Add(head.Chat);
                claimed.Add(head.Chat);
            }
        }
        return claimed;
    }

    /// <summary>Claims <paramref name="chat"/>; returns its pending messages' ids in order, or null when it is claimed already.</summary>
    public IReadOnlyList<string>? TryClaim(OutboxChat chat)
    {
        lock (_gate)
        {
            if (!_claimed.Add(chat))
                return null;
            if (!_chats.TryGetValue(chat, out var queue))
                return [];
            RemoveHead(chat, queue);
            return queue.Values.Select(e => e.Id).ToList();
        }
    }

    /// <summary>The pending messages' ids of a chat, in order.</summary>
    public IReadOnlyList<string> Pending(OutboxChat chat)
    {
        lock (_gate)
            return _chats.TryGetValue(chat, out var queue) ? queue.Values.Select(e => e.Id).ToList() : [];
    }

    /// <inheritdoc cref="IOutboxStore.ReleaseChatAsync"/>
    public bool Release(OutboxChat chat, DateTimeOffset now)
    {
        lock (_gate)
        {
            _claimed.Remove(chat);
            if (!_chats.TryGetValue(chat, out var queue))
                return false;
            AddHead(chat, queue);
            return queue.Values[0].Due <= now;
        }
    }

    public bool Holds(OutboxChat chat)
    {
        lock (_gate)
            return _claimed.Contains(chat);
    }

    public int CountPending(string? channel)
    {
        lock (_gate)
            return channel is null ? _count : _chats.Where(c => c.Key.Channel == channel).Sum(c => c.Value.Count);
    }

    /// <summary>Changes a chat's queue with its head entry taken out and put back after, so the head order stays right.</summary>
    private void WithoutHead(OutboxChat chat, Action<SortedList<long, Entry>> change)
    {
        if (!_chats.TryGetValue(chat, out var queue))
            _chats[chat] = queue = [];
        RemoveHead(chat, queue);
        change(queue);
        if (queue.Count == 0)
            _chats.Remove(chat);
        else if (!_claimed.Contains(chat))
            AddHead(chat, queue);
    }

    private void RemoveHead(OutboxChat chat, SortedList<long, Entry> queue)
    {
        if (queue.Count > 0 && _heads.TryGetValue(chat.Channel, out var heads))
            heads.Remove(new Head(queue.Values[0].Due, queue.Keys[0], chat));
    }

    private void AddHead(OutboxChat chat, SortedList<long, Entry> queue)
    {
        if (!_heads.TryGetValue(chat.Channel, out var heads))
            _heads[chat.Channel] = heads = new SortedSet<Head>(HeadOrder.Instance);
        heads.Add(new Head(queue.Values[0].Due, queue.Keys[0], chat));
    }
}
