using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Channels.Telegram.Sending;
using HelpBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace HelpBot.Channels.Telegram.Tests.Sending;

/// <summary>
/// The retry pipeline of the calls nothing else retries, against the fake Bot API on a virtual clock the fake shares:
/// waits take no real time, and the recorded calls show how long each one was.
/// </summary>
public sealed class TelegramHttpTests : IAsyncLifetime
{
    private readonly VirtualTime _time = new();
    private readonly CapturedLogs _logs = new();
    private FakeBotApiServer _api = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private TelegramSender Sender => _services.GetRequiredService<TelegramSender>();

    public async ValueTask InitializeAsync()
    {
        _api = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Clock = _time }, Cancel);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(Options.Create(new TelegramOptions { Token = _api.Token, ApiBaseUrl = new Uri(_api.BaseUrl), MessagesPerSecond = 0 }));
        TelegramServiceCollectionExtensions.AddSending(services);
        _services = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task GetMe_429_RetriedAfterItsRetryAfter()
    {
        _api.Fail("getMe", Fault.TooManyRequests(retryAfter: 7));

        await Sender.CallAsync((client, ct) => client.GetMe(ct), Cancel);

        var calls = _api.Calls("getMe");
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.Equal(TimeSpan.FromSeconds(7), calls[1].At - calls[0].At);
        var retry = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("getMe failed (try 1 of 4), trying again in 7 s", retry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Token, _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerCallbackQuery_429WithAShortWait_RetriedOnceAfterIt_Quietly()
    {
        _api.Fail("answerCallbackQuery", Fault.TooManyRequests(retryAfter: 2));

        await Sender.AnswerCallbackQueryAsync("q1", Cancel);

        var calls = _api.Calls("answerCallbackQuery");
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.Equal(TimeSpan.FromSeconds(2), calls[1].At - calls[0].At);
        var retry = Assert.Single(_logs.Entries, e => e.Message.Contains("trying again", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Debug, retry.Level);
        Assert.Contains("answerCallbackQuery failed (try 1 of 2), trying again in 2 s", retry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Information);
    }

    [Fact]
    public async Task AnswerCallbackQuery_429WithALongerWait_GivesUpAtOnce()
    {
        _api.Fail("answerCallbackQuery", Fault.TooManyRequests(retryAfter: 3));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Sender.AnswerCallbackQueryAsync("q1", Cancel));

        Assert.Equal(429, error.ErrorCode);
        Assert.Single(_api.Calls("answerCallbackQuery"));
        Assert.Equal(VirtualTime.DefaultStart, _time.GetUtcNow());
    }

    [Fact]
    public async Task AnswerCallbackQuery_ServerErrorEveryTime_TriedTwice_ThenFails()
    {
        _api.Fail("answerCallbackQuery", Fault.ServerError(502), times: int.MaxValue);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Sender.AnswerCallbackQueryAsync("q1", Cancel));

        Assert.Equal(502, error.ErrorCode);
        Assert.Equal(1 + TelegramHttp.MaxCallbackAnswerRetries, _api.Calls("answerCallbackQuery").Count);
    }

    [Fact]
    public async Task SetMyCommands_ServerErrorEveryTime_TriedABoundedNumberOfTimes_ThenFails()
    {
        _api.Fail("setMyCommands", Fault.ServerError(500), times: int.MaxValue);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            Sender.CallAsync((client, ct) => client.SetMyCommands([new() { Command = "start", Description = "Start" }], cancellationToken: ct), Cancel));

        Assert.Equal(500, error.ErrorCode);
        Assert.Equal(1 + TelegramHttp.MaxRetries, _api.Calls("setMyCommands").Count);
        var calls = _api.Calls("setMyCommands");
        Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.True(pair.Second.At > pair.First.At, "backed off between tries"));
    }

    [Fact]
    public async Task GetMe_ConnectionDropped_RetriedUntilAnswered()
    {
        _api.Fail("getMe", Fault.ConnectionDrop(), times: 2);

        var me = await Sender.CallAsync((client, ct) => client.GetMe(ct), Cancel);

        Assert.Equal(_api.Username, me.Username);
        Assert.Equal([0, 0, 200], _api.Calls("getMe").Select(c => c.Status));
    }

    [Fact]
    public async Task GetMe_429LongerThanAllowed_FailsWithoutWaiting()
    {
        _api.Fail("getMe", Fault.TooManyRequests(retryAfter: 3600));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Sender.CallAsync((client, ct) => client.GetMe(ct), Cancel));

        Assert.Equal(429, error.ErrorCode);
        Assert.Single(_api.Calls("getMe"));
        Assert.Equal(VirtualTime.DefaultStart, _time.GetUtcNow());
    }

    [Fact]
    public async Task SendMessage_FromTheOutbox_TriedOnce_EvenOnA429()
    {
        _api.Fail("sendMessage", Fault.TooManyRequests(retryAfter: 1));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            Sender.SendAsync(42, fromOutbox: true, (client, ct) => client.SendMessage(42, "hello", cancellationToken: ct), Cancel));

        Assert.Equal(1, error.Parameters?.RetryAfter);
        Assert.Single(_api.Calls("sendMessage"));
    }

    [Fact]
    public async Task SendMessage_SentAtOnce_RetriedByThePipeline()
    {
        _api.Fail("sendMessage", Fault.ServerError(502));

        await Sender.SendAsync(42, fromOutbox: false, (client, ct) => client.SendMessage(42, "sorry", cancellationToken: ct), Cancel);

        Assert.Equal([502, 200], _api.Calls("sendMessage").Select(c => c.Status));
    }
}
