using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// Every Bot API call goes through here. Messages wait for the rate limiter first. Which calls are retried, and by
/// which layer, is <see cref="TelegramHttp"/>'s table: outbox messages once per outbox attempt, the rest by a pipeline.
/// What still fails is thrown.
/// </summary>
internal sealed class TelegramSender(
    ITelegramBotClient once,
    [FromKeyedServices(TelegramHttp.Retried)] ITelegramBotClient retried,
    [FromKeyedServices(TelegramHttp.CallbackAnswer)] ITelegramBotClient answering,
    SendRateLimiter limiter,
    IOptions<TelegramOptions> options)
{
    private readonly TelegramOptions _options = options.Value;

    /// <summary>
    /// A call that puts a message in <paramref name="chatId"/> (sendMessage, editMessageText…): rate-limited. One attempt
    /// when <paramref name="fromOutbox"/> (the outbox tries again), else retried by the pipeline.
    /// </summary>
    public async Task<T> SendAsync<T>(long chatId, bool fromOutbox, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(chatId, cancellationToken);
        return await call(fromOutbox ? once : retried, cancellationToken);
    }

    /// <summary>answerCallbackQuery: not rate-limited, retried once at most (see <see cref="TelegramHttp.CallbackAnswer"/>).</summary>
    public Task AnswerCallbackQueryAsync(string queryId, CancellationToken cancellationToken) =>
        answering.AnswerCallbackQuery(queryId, cancellationToken: cancellationToken);

    /// <summary>Any other call (setMyCommands, getMe…): not rate-limited, retried by the pipeline.</summary>
    public Task<T> CallAsync<T>(Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        call(retried, cancellationToken);

    public Task CallAsync(Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        call(retried, cancellationToken);

    /// <summary>A call whose caller retries it (the setup at start): not rate-limited, one attempt.</summary>
    public Task CallOnceAsync(Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        call(once, cancellationToken);

    public string Describe(Exception exception) => FailureReason.Describe(exception, _options.Token);
}
