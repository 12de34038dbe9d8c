using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Testing;

namespace HelpBot.Channels.Telegram.Tests;

/// <summary>A fake Bot API and a bot polling (or, when configured, serving the webhook of) it; both go when the test ends.</summary>
public sealed class TelegramTestRig : IAsyncDisposable
{
    private TelegramTestRig(FakeBotApiServer api, TelegramTestBot bot)
    {
        Api = api;
        Bot = bot;
    }

    public FakeBotApiServer Api { get; }

    public TelegramTestBot Bot { get; }

    /// <summary>With <paramref name="time"/>, the bot and the fake API share that clock (the fake records when calls came by it).</summary>
    public static async Task<TelegramTestRig> StartAsync(IDictionary<string, string?>? settings = null, VirtualTime? time = null)
    {
        var options = time is null ? null : new FakeBotApiOptions { Clock = time };
        var api = await FakeBotApiServer.StartAsync(options, TestContext.Current.CancellationToken);
        try
        {
            return new TelegramTestRig(api, await TelegramTestBot.StartAsync(api, settings: settings, time: time, cancellationToken: TestContext.Current.CancellationToken));
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns once the bot is polling, so that faults injected next hit its replies, not its start-up calls.</summary>
    public Task WhenPollingAsync() => Api.WaitForAsync(r => r.Method == "getUpdates", cancellationToken: TestContext.Current.CancellationToken);

    public TelegramUser User(long id, string? language = "ru", long? chatId = null) => new(Api, id, language, chatId);

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Api.DisposeAsync();
    }
}
