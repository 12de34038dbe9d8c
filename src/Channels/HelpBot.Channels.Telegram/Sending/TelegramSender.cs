using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// Every Bot API call goes through here. Messages wait for the rate limiter; a 429 waits <c>retry_after</c>
/// and tries again; 5xx and network errors try again with a doubling pause; a 4xx is final. The last failure is thrown.
/// </summary>
internal sealed class TelegramSender(
    ITelegramBotClient client,
    SendRateLimiter limiter,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramSender> logger)
{
    private readonly TelegramOptions _options = options.Value;

    /// <summary>A call that puts a message in <paramref name="chatId"/> (sendMessage, editMessageText): rate-limited and retried.</summary>
    public Task<T> SendAsync<T>(long chatId, string method, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RetryAsync(method, async ct =>
        {
            await limiter.WaitAsync(chatId, ct);
            return await call(client, ct);
        }, cancellationToken);

    /// <summary>Any other call (answerCallbackQuery, setMyCommands, getMe…): retried, not rate-limited.</summary>
    public Task<T> CallAsync<T>(string method, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RetryAsync(method, ct => call(client, ct), cancellationToken);

    public Task CallAsync(string method, Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RetryAsync(method, async ct =>
        {
            await call(client, ct);
            return true;
        }, cancellationToken);

    public string Describe(Exception exception) => FailureReason.Describe(exception, _options.Token);

    private async Task<T> RetryAsync<T>(string method, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (RequestException ex) when (number < _options.MaxSendAttempts && !FailureReason.IsPermanent(ex))
            {
                var delay = Delay(ex, number);
                Log.Retrying(logger, method, number, _options.MaxSendAttempts, delay.TotalSeconds, Describe(ex));
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private TimeSpan Delay(RequestException exception, int attempt)
    {
        if (exception is ApiRequestException { ErrorCode: 429 } limited)
            return TimeSpan.FromSeconds(Math.Max(limited.Parameters?.RetryAfter ?? 1, 0));
        var doubled = _options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        var capped = doubled < _options.RetryMaxDelay ? doubled : _options.RetryMaxDelay;
        // A little jitter so that many chats hit by the same outage do not retry in lockstep.
        return capped * (1 + (Random.Shared.NextDouble() * 0.2));
    }
}
