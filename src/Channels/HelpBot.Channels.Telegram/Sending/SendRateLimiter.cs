using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// Telegram's sending limits as token buckets: about 30 messages/s overall, about 1/s per private chat (with a small
/// burst so a two-message reply is not held back) and 20/min per group. A send waits for its turn rather than failing.
/// </summary>
internal sealed class SendRateLimiter : IDisposable
{
    private readonly RateLimiter? _global;
    private readonly PartitionedRateLimiter<long>? _chats;

    public SendRateLimiter(IOptions<TelegramOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        if (settings.MessagesPerSecond > 0)
            _global = new TokenBucketRateLimiter(Bucket(settings.MessagesPerSecond, TimeSpan.FromSeconds(1.0 / settings.MessagesPerSecond)));

        var privateChat = settings.ChatMessagesPerSecond > 0
            ? Bucket(settings.ChatBurst, TimeSpan.FromSeconds(1.0 / settings.ChatMessagesPerSecond))
            : null;
        var group = settings.GroupMessagesPerMinute > 0
            ? Bucket(settings.GroupMessagesPerMinute, TimeSpan.FromMinutes(1.0 / settings.GroupMessagesPerMinute))
            : null;
        if (privateChat is not null || group is not null)
        {
            // Telegram gives groups and channels negative ids and users positive ones.
            _chats = PartitionedRateLimiter.Create<long, long>(chatId => (chatId < 0 ? group : privateChat) is { } bucket
                ? RateLimitPartition.GetTokenBucketLimiter(chatId, _ => bucket)
                : RateLimitPartition.GetNoLimiter(chatId));
        }
    }

    /// <summary>Waits until a message to <paramref name="chatId"/> may go out.</summary>
    public async ValueTask WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        if (_chats is not null)
            using (await _chats.AcquireAsync(chatId, 1, cancellationToken)) { }
        if (_global is not null)
            using (await _global.AcquireAsync(1, cancellationToken)) { }
    }

    public void Dispose()
    {
        _global?.Dispose();
        _chats?.Dispose();
    }

    /// <summary>Holds up to <paramref name="burst"/> messages and earns one back every <paramref name="interval"/>.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int burst, TimeSpan interval) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = interval,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };
}
