using System.Globalization;
using System.Text.RegularExpressions;
using HelpBot.Channels.Http;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram.Tests.Setup;

/// <summary>
/// The setup at start (where updates go, the command menus) against the fake Bot API, on a clock of its own that stands
/// still: the rest of the bot runs in real time, and the test says when each of the setup's waits is over.
/// </summary>
public sealed partial class BotSetupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetMyCommandsFailing_PollingServesMeanwhile_AndEachMenuIsTriedUntilTelegramTakesIt()
    {
        var setupClock = VirtualTime.StandingStill();
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        // More failures in a row than the retry pipeline gives one call (4): only a setup that keeps trying gets past them.
        api.Fail("setMyCommands", Fault.ServerError(500), times: 8);
        // The setup's clock stands still, so a start that waited on the setup would never end: it is given 30 s.
        using var startLimit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        startLimit.CancelAfter(TimeSpan.FromSeconds(30));
        await using var bot = await TelegramTestBot.StartAsync(api, services: s => s.AddSingleton(sp =>
            new ChannelSetup(setupClock, sp.GetRequiredService<ILogger<ChannelSetup>>())), cancellationToken: startLimit.Token);
        var setup = bot.Services.GetRequiredService<ChannelSetup>();

        var greeting = await new TelegramUser(api, 1301).SendAsync("/start");
        await bot.Logs.WaitForAsync(e => e.Message.Contains("setMyCommands (en) at start failed", StringComparison.Ordinal));
        var whileFailing = setup.Problems;
        await setupClock.AdvanceUntilAsync(() => setup.Problems.Count == 0, ChannelSetup.LongestDelay, TimeSpan.FromSeconds(30), Cancel);

        Assert.Contains("AliExpress", greeting[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("telegram: setting up; setMyCommands (en) failed: 500 ", Assert.Single(whileFailing), StringComparison.Ordinal);
        Assert.Single(api.Calls("deleteWebhook"));
        var menus = api.Calls("setMyCommands");
        Assert.Equal(["en", "en", "en", "en", "en", "en", "en", "en", "en", "ru", null], menus.Select(m => m.Parameters["language_code"]?.GetValue<string>()));
        Assert.Equal([.. Enumerable.Repeat(500, 8), 200, 200, 200], menus.Select(m => m.Status));
        // One line per failure, each saying how long it waits: doubling from a second, up to a minute.
        var waits = bot.Logs.Entries.Select(e => TryingAgain().Match(e.Message)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture));
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], waits);
        Assert.DoesNotContain(api.Token, bot.Logs.All, StringComparison.Ordinal);
        Assert.Empty(api.Violations);
    }

    [GeneratedRegex(@"^telegram setMyCommands \(en\) at start failed, trying again in (?<seconds>[\d.]+) s: 500 ")]
    private static partial Regex TryingAgain();
}
