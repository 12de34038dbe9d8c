using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// Telegram's sending limits as token buckets: about 30 messages/s overall, about 1/s per private chat (with a small
/// burst so a two-message reply is not held back) and 20/min per group. A send waits for its turn rather than failing.
/// Time comes from the injected <see cref="TimeProvider"/> (System.Threading.RateLimiting's buckets read the real clock).
/// </summary>
internal sealed class SendRateLimiter
{
    /// <summary>Chats kept before full (idle) buckets are swept out, so the table stays small however many chats pass.</summary>
    private const int SweepAbove = 1000;

    private readonly TimeProvider _time;
    private readonly TokenBucket? _global;
    private readonly BucketShape? _privateChat;
    private readonly BucketShape? _group;
    private readonly ConcurrentDictionary<long, TokenBucket> _chats = new();
    private int _sweepAt = SweepAbove;

    public SendRateLimiter(IOptions<TelegramOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        var settings = options.Value;
        if (settings.MessagesPerSecond > 0)
            _global = new TokenBucket(new BucketShape(settings.MessagesPerSecond, TimeSpan.FromSeconds(1.0 / settings.MessagesPerSecond)), time);
        if (settings.ChatMessagesPerSecond > 0)
            _privateChat = new BucketShape(settings.ChatBurst, TimeSpan.FromSeconds(1.0 / settings.ChatMessagesPerSecond));
        if (settings.GroupMessagesPerMinute > 0)
            _group = new BucketShape(settings.GroupMessagesPerMinute, TimeSpan.FromMinutes(1.0 / settings.GroupMessagesPerMinute));
    }

    /// <summary>Waits until a message to <paramref name="chatId"/> may go out.</summary>
    public async ValueTask WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        // Telegram gives groups and channels negative ids and users positive ones.
        if ((chatId < 0 ? _group : _privateChat) is { } shape)
            await _chats.GetOrAdd(chatId, static (_, state) => new TokenBucket(state.shape, state.time), (shape, time: _time)).TakeAsync(cancellationToken);
        if (_global is not null)
            await _global.TakeAsync(cancellationToken);
        if (_chats.Count > Volatile.Read(ref _sweepAt))
            Sweep();
    }

    private void Sweep()
    {
        foreach (var (chatId, bucket) in _chats)
        {
            if (bucket.IsFull)
                _chats.TryRemove(new KeyValuePair<long, TokenBucket>(chatId, bucket));
        }
        Volatile.Write(ref _sweepAt, Math.Max(SweepAbove, _chats.Count * 2));
    }

    /// <summary>Holds up to <paramref name="Burst"/> messages and earns one back every <paramref name="Interval"/>.</summary>
    private sealed record BucketShape(int Burst, TimeSpan Interval);

    /// <summary>
    /// A bucket that lends ahead: a taker gets the next token at once and waits until it is earned, so takers go in the
    /// order they came and each waits exactly its share.
    /// </summary>
    private sealed class TokenBucket(BucketShape shape, TimeProvider time)
    {
        private readonly Lock _gate = new();
        private double _tokens = shape.Burst;
        private long _countedAt = time.GetTimestamp();

        public bool IsFull
        {
            get
            {
                lock (_gate)
                    return Refill() >= shape.Burst;
            }
        }

        public async ValueTask TakeAsync(CancellationToken cancellationToken)
        {
            TimeSpan wait;
            lock (_gate)
            {
                _tokens = Refill() - 1;
                wait = _tokens >= 0 ? TimeSpan.Zero : shape.Interval * -_tokens;
            }
            if (wait <= TimeSpan.Zero)
                return;
            try
            {
                await Task.Delay(wait, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Not sent after all: the token goes back for the next taker.
                lock (_gate)
                    _tokens = Refill() + 1;
                throw;
            }
        }

        /// <summary>The tokens earned since they were last counted, up to the burst. Called under the lock.</summary>
        private double Refill()
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(shape.Burst, _tokens + (time.GetElapsedTime(_countedAt, now) / shape.Interval));
            _countedAt = now;
            return _tokens;
        }
    }
}
