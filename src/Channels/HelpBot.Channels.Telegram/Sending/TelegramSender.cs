using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// Every Bot API call goes through here. Messages wait for the rate limiter first. What fails is thrown: the outbox
/// tries a message again later, after Telegram's retry_after or a doubling backoff, until Delivery:Deadline.
/// </summary>
internal sealed class TelegramSender(ITelegramBotClient client, SendRateLimiter limiter, IOptions<TelegramOptions> options)
{
    private readonly TelegramOptions _options = options.Value;

    /// <summary>A call that puts a message in <paramref name="chatId"/> (sendMessage, editMessageText): rate-limited.</summary>
    public async Task<T> SendAsync<T>(long chatId, string method, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(chatId, cancellationToken);
        return await call(client, cancellationToken);
    }

    /// <summary>Any other call (answerCallbackQuery, setMyCommands, getMe…): not rate-limited.</summary>
    public Task<T> CallAsync<T>(string method, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        call(client, cancellationToken);

    public Task CallAsync(string method, Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        call(client, cancellationToken);

    public string Describe(Exception exception) => FailureReason.Describe(exception, _options.Token);
}
