using System.Diagnostics;
using System.Net;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Testing;
using HelpBot.Tests.Faults;
using HelpBot.Tests.Health;

namespace HelpBot.Tests.Hosting;

/// <summary>
/// The bot process started while the Bot API cannot be reached (a loopback port that refuses connections, as when
/// api.telegram.org is unreachable): its start waits on no outside API. It is alive at once, unready while its setup
/// (deleteWebhook, the command menus) is being retried in the background, stops cleanly meanwhile, and finishes the
/// setup once the API is back.
/// </summary>
public sealed class StartWithoutTheBotApiTests : IDisposable
{
    private static readonly TimeSpan AliveWithin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(60);
    private readonly BotProcesses _bots = new("helpbot-startup-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _bots.Dispose();

    [Fact]
    public async Task BotApiUnreachable_AliveWithinTwoSeconds_UnreadyNamingTheSetup_StopsCleanly_AndSetsTheMenusOnceItIsBack()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        await using var proxy = new LoopbackProxy(new Uri(api.BaseUrl));
        await proxy.RefuseAsync();

        var (first, firstAddress) = StartBot(api, proxy);
        // From the reader's model loaded, the last of the bot's own work at start (the host builds its services, then
        // starts them): what follows is the services' start and the HTTP server's, which must not wait on the API.
        await first.WaitForLineAsync(l => l.Contains("Free-text reader of", StringComparison.Ordinal), StartUp);
        var alive = await UntilAliveAsync(first, firstAddress);
        var unready = await SetupFailingAsync(firstAddress);
        var stopped = await first.TerminateAsync(TimeSpan.FromSeconds(10));

        var (second, secondAddress) = StartBot(api, proxy);
        await UntilAliveAsync(second, secondAddress);
        await SetupFailingAsync(secondAddress);
        proxy.Listen();
        var ready = await Readyz.WaitUntilReadyAsync(_bots.Http, new Uri(secondAddress, "/readyz"), StartUp, Cancel);
        TestContext.Current.TestOutputHelper?.WriteLine($"/healthz answered {alive.TotalMilliseconds:0} ms after the reader was loaded");

        Assert.True(alive <= AliveWithin, $"/healthz answered {alive.TotalSeconds:0.0} s after the reader was loaded");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.Status);
        Assert.StartsWith("telegram: setting up; deleteWebhook failed: ", unready.Problems, StringComparison.Ordinal);
        Assert.Contains("Connection refused", unready.Problems, StringComparison.Ordinal);
        Assert.Equal(0, stopped);
        Assert.Equal((HttpStatusCode.OK, "ready", ""), ready);
        Assert.Equal(["en", "ru", null], api.Calls("setMyCommands").Select(m => m.Parameters["language_code"]?.GetValue<string>()));
        Assert.All(api.Calls("setMyCommands"), m => Assert.Equal(200, m.Status));
        Assert.DoesNotContain("Unhandled exception", first.Output + second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Token, first.Output + second.Output, StringComparison.Ordinal);
    }

    /// <summary>Waits (a few seconds at most: the first call fails at once) until /readyz names the setup's failing call.</summary>
    private Task<(HttpStatusCode Status, string Verdict, string Problems)> SetupFailingAsync(Uri address) =>
        Readyz.WaitForAsync(_bots.Http, new Uri(address, "/readyz"), answer => answer.Problems.Contains(" failed: ", StringComparison.Ordinal), TimeSpan.FromSeconds(10), Cancel);

    /// <summary>A bot on the fake API behind <paramref name="proxy"/>, serving HTTP on a free port, logging when its reader is loaded.</summary>
    private (BotProcess Bot, Uri Address) StartBot(FakeBotApiServer api, LoopbackProxy proxy)
    {
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = address.ToString(),
            ["Logging__LogLevel__HelpBot.Understanding"] = "Information",
        };
        return (_bots.Start(api, settings, apiBaseUrl: proxy.BaseUrl), address);
    }

    /// <summary>How long from now until /healthz first answers 200.</summary>
    private async Task<TimeSpan> UntilAliveAsync(BotProcess bot, Uri address)
    {
        var since = Stopwatch.StartNew();
        while (since.Elapsed < StartUp)
        {
            try
            {
                using var response = await _bots.Http.GetAsync(new Uri(address, "/healthz"), Cancel);
                if (response.StatusCode == HttpStatusCode.OK)
                    return since.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), Cancel);
        }
        throw new TimeoutException($"/healthz did not answer in {StartUp.TotalSeconds:0} s; the bot logged:{Environment.NewLine}{bot.Output}");
    }
}
