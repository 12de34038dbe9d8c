using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace HelpBot.Channels.Telegram.Benchmarks;

/// <summary>
/// The baseline: the same Telegram.Bot client and HttpClient set-up, a bare getUpdates loop, and per update the same
/// number of calls HelpBot makes (a press: answerCallbackQuery + a message; a text: a message), echoing what came in.
/// </summary>
internal sealed class EchoBot : IBotUnderLoad
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(3) });
    private Task _loop = Task.CompletedTask;

    public string Name => "echo bot";

    public Task StartAsync(FakeBotApi.FakeBotApiServer api, CancellationToken cancellationToken)
    {
        var client = TelegramServiceCollectionExtensions.CreateClient(new TelegramOptions { Token = api.Token, ApiBaseUrl = new Uri(api.BaseUrl) }, _http);
        _loop = Task.Run(() => PollAsync(client, _stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _http.Dispose();
    }

    private static async Task PollAsync(ITelegramBotClient client, CancellationToken cancellationToken)
    {
        int? offset = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var updates = await client.GetUpdates(offset, 100, 1, [UpdateType.Message, UpdateType.CallbackQuery], cancellationToken);
            foreach (var update in updates)
            {
                offset = update.Id + 1;
                _ = Task.Run(() => EchoAsync(client, update, cancellationToken), CancellationToken.None);
            }
        }
    }

    private static async Task EchoAsync(ITelegramBotClient client, Update update, CancellationToken cancellationToken)
    {
        try
        {
            switch (update)
            {
                case { Message: { Text: { } text } message }:
                    await client.SendMessage(message.Chat.Id, text, cancellationToken: cancellationToken);
                    break;
                case { CallbackQuery: { Message: { } message } query }:
                    await client.AnswerCallbackQuery(query.Id, cancellationToken: cancellationToken);
                    await client.SendMessage(message.Chat.Id, query.Data ?? "?", cancellationToken: cancellationToken);
                    break;
            }
        }
        catch (Exception ex) when (ex is RequestException or OperationCanceledException)
        {
            // A lost echo shows up as a missing reply in the measurement.
        }
    }
}
