using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Health;
using HelpBot.Tests.Faults;

namespace HelpBot.Tests.Health;

/// <summary>
/// /metrics of the real host (a process serving Telegram from the fake Bot API) after turns the test makes: the figures
/// are the ones it caused. The storage gauges are sampled every 100 ms here (Health:GaugeInterval) and each sample is
/// a Debug line: the test scrapes again after each sample until the figures settle (bounded), instead of sleeping.
/// </summary>
public sealed class MetricsTests : IDisposable
{
    private const long Browsing = 9301, ServerError = 9302, ChatNotFound = 9303, Asking = 9304, RateLimited = 9305;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly (string, string) Telegram = ("channel", "telegram");
    private readonly BotProcesses _bots = new("helpbot-metrics-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _bots.Dispose();

    [Fact]
    public async Task TurnsAndDeliveriesThroughTelegram_CountedByChannelKindAndOutcome_GaugesShowWhatWaits()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var settings = BotProcess.ListeningOnLoopback();
        settings["Health__GaugeInterval"] = "00:00:00.100";
        settings["Logging__LogLevel__" + typeof(StorageGauges).FullName] = "Debug";
        var bot = _bots.Start(api, settings);
        var address = await bot.StartedAsync(Timeout);

        // A command, free text the bot has no section for, and a button: three turns, three replies sent.
        api.SendText(Browsing, "/start");
        var menu = await api.WaitForMessageAsync(Browsing, timeout: Timeout, cancellationToken: Cancel);
        api.SendText(Browsing, "какая погода завтра?");
        await api.WaitForMessageAsync(Browsing, count: 2, timeout: Timeout, cancellationToken: Cancel);
        var shown = api.Message(Browsing, menu.MessageId!.Value)!;
        api.PressButton(Browsing, shown, shown.ButtonData("Последствия"));
        await api.WaitForMessageAsync(Browsing, count: 3, timeout: Timeout, cancellationToken: Cancel);

        // Telegram answers 500 once: one retry, then sent.
        api.Fail("sendMessage", Fault.ServerError(500));
        api.SendText(ServerError, "/start");
        await api.WaitForMessageAsync(ServerError, timeout: Timeout, cancellationToken: Cancel);

        // The chat is gone: refused for good, the reply expires.
        api.Fail("sendMessage", Fault.BadRequest("chat not found"));
        api.SendText(ChatNotFound, "/start");
        await bot.WaitForLineAsync(l => l.Contains($"telegram chat {ChatNotFound} expired unsent", StringComparison.Ordinal), Timeout);

        // A question for the moderators stays open; its confirmation is sent.
        api.SendText(Asking, "/ask Можно ли удалить аккаунт с телефона?");
        await api.WaitForMessageAsync(Asking, timeout: Timeout, cancellationToken: Cancel);

        // Told to come back in an hour: one more retry, and the reply waits in the outbox.
        api.Fail("sendMessage", Fault.TooManyRequests(3600));
        api.SendText(RateLimited, "/start");
        await bot.WaitForLineAsync(l => l.Contains($"telegram chat {RateLimited} was not sent", StringComparison.Ordinal), Timeout);

        var metrics = await ScrapeWhenAsync(bot, address, m =>
            m.Value("helpbot_delivery_sent_total") == 5 && m.Value("helpbot_delivery_retries_total") == 2 && m.Value("helpbot_delivery_expired_total") == 1
            && m.Value("helpbot_outbox_depth") == 1 && m.Value("helpbot_questions_open") == 1);

        Assert.Equal(5, metrics.Value("helpbot_turns_total", Telegram, ("kind", "command"), ("outcome", "ok")));
        Assert.Equal(1, metrics.Value("helpbot_turns_total", Telegram, ("kind", "text"), ("outcome", "ok")));
        Assert.Equal(1, metrics.Value("helpbot_turns_total", Telegram, ("kind", "button"), ("outcome", "ok")));
        Assert.Equal(7, metrics.Value("helpbot_turns_total"));
        Assert.Equal(5, metrics.Value("helpbot_turn_duration_seconds_count", Telegram, ("kind", "command")));
        Assert.Equal(5, metrics.Value("helpbot_turn_duration_seconds_bucket", Telegram, ("kind", "command"), ("le", "+Inf")));
        Assert.Equal(1, metrics.Value("helpbot_turn_duration_seconds_count", Telegram, ("kind", "text")));
        Assert.Equal(1, metrics.Value("helpbot_turn_duration_seconds_count", Telegram, ("kind", "button")));
        Assert.True(metrics.Value("helpbot_turn_duration_seconds_sum", Telegram) > 0, metrics.Text);
        Assert.Equal(1, metrics.Value("helpbot_freetext_fallbacks_total", Telegram));
        Assert.Equal(5, metrics.Value("helpbot_delivery_sent_total", Telegram));
        Assert.Equal(2, metrics.Value("helpbot_delivery_retries_total", Telegram));
        Assert.Equal(1, metrics.Value("helpbot_delivery_expired_total", Telegram, ("reason", "refused")));
        Assert.Equal(1, metrics.Value("helpbot_outbox_depth"));
        Assert.Equal(1, metrics.Value("helpbot_questions_open"));
    }

    /// <summary>Scrapes, and again after each gauge sample, until <paramref name="settled"/> holds or the time is up.</summary>
    private async Task<PrometheusScrape> ScrapeWhenAsync(BotProcess bot, Uri address, Func<PrometheusScrape, bool> settled)
    {
        static bool IsSample(string line) => line.Contains("Sampled for /metrics", StringComparison.Ordinal);
        using var limit = new CancellationTokenSource(Timeout);
        while (true)
        {
            var samples = bot.CountLines(IsSample);
            var scrape = await PrometheusScrape.GetAsync(_bots.Http, address, Cancel);
            if (settled(scrape) || limit.IsCancellationRequested)
                return scrape;
            await bot.WaitForLineAsync(_ => bot.CountLines(IsSample) > samples, Timeout);
        }
    }
}
