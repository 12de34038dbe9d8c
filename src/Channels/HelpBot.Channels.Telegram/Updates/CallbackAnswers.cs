using HelpBot.Channels.Http;
using HelpBot.Channels.Telegram.Sending;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;

namespace HelpBot.Channels.Telegram.Updates;

/// <summary>
/// Answers button presses, which only stops the button's spinner, in the background: neither the press's reply, nor the
/// chat's next update, nor polling waits for an answer (a throttled one, retried, held them all for up to 90 s). An
/// answer is tried as <see cref="TelegramHttp.CallbackAnswer"/> allows and then given up: the screen matters, not the
/// spinner. The answers on their way are tracked, and <see cref="UpdateDispatcher"/> waits for them on shutdown once
/// the updates that started them are finished.
/// </summary>
internal sealed class CallbackAnswers(TelegramSender sender, ILogger<CallbackAnswers> logger) : IDisposable
{
    private readonly BackgroundCalls _answers = new();

    public void Start(string queryId) => _ = _answers.Start(abandoned => AnswerAsync(queryId, abandoned));

    /// <summary>Waits for the answers on their way; those still running when <paramref name="shutdownTimeout"/> fires are cancelled.</summary>
    public async Task DrainAsync(CancellationToken shutdownTimeout)
    {
        if (_answers.Count == 0)
            return;
        Log.DrainingAnswers(logger, _answers.Count);
        await _answers.DrainAsync(shutdownTimeout);
    }

    public void Dispose() => _answers.Dispose();

    private async Task AnswerAsync(string queryId, CancellationToken abandoned)
    {
        try
        {
            await sender.AnswerCallbackQueryAsync(queryId, abandoned);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            // Expected in a flood, and nothing to act on: a warning per press would bury the ones that matter.
            Log.AnswerThrottled(logger, ex.Parameters?.RetryAfter ?? 0);
        }
        catch (RequestException ex)
        {
            // "query is too old" after a long outage, for one: the press itself is still handled.
            Log.Unanswered(logger, sender.Describe(ex));
        }
        catch (OperationCanceledException) when (abandoned.IsCancellationRequested)
        {
            // Shutdown ran out of time; the spinner stops on its own.
        }
    }
}
