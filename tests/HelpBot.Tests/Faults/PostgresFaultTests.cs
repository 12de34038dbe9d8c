using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Storage.Tests;
using Npgsql;

namespace HelpBot.Tests.Faults;

/// <summary>
/// The real host as processes on PostgreSQL against the fake Bot API: two instances sharing one database, and one
/// instance whose database server is stopped for 10 s under load. Every press must show its screen once, in order.
/// </summary>
public sealed class PostgresFaultTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly BotProcesses _bots = new("helpbot-pg-faults-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _bots.Dispose();

    [Fact]
    public async Task TwoInstancesOnOneDatabase_UpdatesAlternating_OneConversationPerUserAndOneReplyPerUpdate()
    {
        const int Users = 10, Presses = 20, RedeliverEvery = 4;
        var database = PostgresServer.CreateSchema();
        await using var api = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Record = false }, Cancel);
        var record = new ChatRecord(api);
        var (bots, addresses) = await StartTwoInstancesAsync(api, database);

        // Update n of a user goes to instance n % 2; some presses Telegram delivers again, at once, to the other one.
        var users = Enumerable.Range(0, Users).Select(i => new WalkthroughUser(9100 + i)).ToList();
        await Task.WhenAll(users.Select(u => PostAsync(addresses[0], Numbered(api, api.TextMessage(u.Id, "/steps")))));
        await WalkthroughUser.WaitForOpenAsync(record, users);
        var redelivered = 0;
        await Task.WhenAll(users.Select(user => Task.Run(async () =>
        {
            for (var press = 1; press <= Presses; press++)
            {
                var to = addresses[press % 2];
                var again = press % RedeliverEvery == 0 && press < Presses ? addresses[(press + 1) % 2] : null;
                await user.PressNextAsync(api, record, async update =>
                {
                    Numbered(api, update);
                    if (again is null)
                    {
                        await PostAsync(to, update);
                        return;
                    }
                    Interlocked.Increment(ref redelivered);
                    await Task.WhenAll(PostAsync(to, update), PostAsync(again, update));
                });
            }
        }, Cancel)));

        // A redelivery answered twice would show as an extra screen before the user's next press.
        foreach (var user in users)
        {
            var shown = record.Of(user.Id);
            Assert.Single(shown, s => s.Method == "sendMessage");
            Assert.Equal(user.Expected, shown.Where(s => s.Method == "editMessageText").Select(s => s.Step));
        }
        Assert.Equal(Users * (Presses / RedeliverEvery - 1), redelivered);
        Assert.Equal(Users * (1 + Presses), await CountAsync(database, "SELECT count(*) FROM deliveries"));
        Assert.All(bots, b => Assert.DoesNotContain("fail", b.Output, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task PostgresStoppedFor10Seconds_UnderLoad_EveryReplyDeliveredOnceInOrderAndNoStepLost()
    {
        const int Users = 5, Presses = 12;
        var (database, cluster) = PostgresServer.CreateOutageSchema();
        await using var api = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Record = false }, Cancel);
        var record = new ChatRecord(api);
        var bot = _bots.Start(api, new Dictionary<string, string> { ["Storage__Provider"] = "Postgres", ["Storage__ConnectionString"] = database });
        var users = Enumerable.Range(0, Users).Select(i => new WalkthroughUser(9200 + i)).ToList();
        users.ForEach(u => api.SendText(u.Id, "/steps"));
        await WalkthroughUser.WaitForOpenAsync(record, users);

        var completed = 0;
        var stopNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pressing = Task.WhenAll(users.Select(user => Task.Run(async () =>
        {
            for (var press = 0; press < Presses; press++)
            {
                await user.PressNextAsync(api, record);
                if (Interlocked.Increment(ref completed) == Users * Presses / 4)
                    stopNow.TrySetResult();
            }
        }, Cancel)));
        await Task.WhenAny(stopNow.Task, pressing);
        try
        {
            await ClusterAsync(cluster, "stop", "-m", "fast");
            // The outage itself: a fixed 10 s with the server down is what this test is about (not a wait for a condition).
            await Task.Delay(TimeSpan.FromSeconds(10), Cancel);
        }
        finally
        {
            await ClusterAsync(cluster, "start");
        }
        try
        {
            await pressing;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + "; the bot logged:" + Environment.NewLine + bot.Output, ex);
        }

        foreach (var user in users)
        {
            var shown = record.Of(user.Id);
            Assert.Single(shown, s => s.Method == "sendMessage");
            Assert.Equal(user.Expected, shown.Where(s => s.Method == "editMessageText").Select(s => s.Step));
        }
        Assert.False(bot.HasExited, bot.Output);
        Assert.Contains("waits for the store", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing was stored", bot.Output, StringComparison.Ordinal);
        Assert.Equal(Users * (1 + Presses), await CountAsync(database, "SELECT count(*) FROM deliveries"));
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task TwoInstances_OneKilledWhileItsSendsAreInFlight_TheOtherSendsItsChatsWithinFiveSeconds()
    {
        const int Users = 20;
        using var committed = new CountdownEvent(Users);
        var database = PostgresServer.CreateSchema();
        await using var api = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Record = false }, Cancel);
        var record = new ChatRecord(api);
        var (bots, addresses) = await StartTwoInstancesAsync(api, database);
        var users = Enumerable.Range(0, Users).Select(i => new WalkthroughUser(9300 + i)).ToList();
        await Task.WhenAll(users.Select((u, i) => PostAsync(addresses[i % 2], Numbered(api, api.TextMessage(u.Id, "/steps")))));
        await WalkthroughUser.WaitForOpenAsync(record, users);

        // Every user presses Next on the first instance, which commits each turn (the webhook answers 200) and starts
        // sending; Telegram answers those sends slowly, so the instance dies holding every one of those chats.
        api.Fail("editMessageText", Fault.Slow(TimeSpan.FromSeconds(3)), times: Users);
        var pressing = users.Select(user => Task.Run(() => user.PressNextAsync(api, record, async update =>
        {
            await PostAsync(addresses[0], Numbered(api, update));
            committed.Signal();
        }), Cancel)).ToList();
        Assert.True(committed.Wait(StartTimeout, Cancel), "the first instance did not take the presses");
        await Task.Delay(TimeSpan.FromMilliseconds(300), Cancel); // its sends are now waiting on Telegram
        bots[0].Kill();
        var killed = Stopwatch.StartNew();
        api.ClearFaults("editMessageText");

        await Task.WhenAll(pressing).WaitAsync(TimeSpan.FromSeconds(5), Cancel);
        var takeover = killed.Elapsed;

        // A send caught between Telegram's answer and its record goes again: an edit repeats harmlessly (same screen).
        var repeats = users.Sum(u => record.Of(u.Id).Count(s => s.Method == "editMessageText") - u.Expected.Count);
        Assert.InRange(repeats, 0, Users);
        foreach (var user in users)
            Assert.Equal(user.Expected, record.Of(user.Id).Where(s => s.Method == "editMessageText").Select(s => s.Step).Distinct());
        Assert.True(takeover < TimeSpan.FromSeconds(5), $"the other instance took {takeover} to send the dead one's chats");
        TestContext.Current.TestOutputHelper?.WriteLine($"takeover after SIGKILL: {takeover.TotalSeconds:0.0} s; repeated screens: {repeats}");
        Assert.Empty(api.Violations);
    }

    /// <summary>Two bot processes on one database, taking updates by webhook; their webhook addresses.</summary>
    private async Task<(BotProcess[] Bots, Uri[] Addresses)> StartTwoInstancesAsync(FakeBotApiServer api, string database)
    {
        var settings = BotProcess.WebhookOnPostgres(database);
        BotProcess[] bots = [_bots.Start(api, settings), _bots.Start(api, settings)];
        return (bots, await Task.WhenAll(bots.Select(b => b.ListeningAddressAsync(StartTimeout))));
    }

    private static JsonObject Numbered(FakeBotApiServer api, JsonObject update)
    {
        update["update_id"] = api.NextUpdateId();
        return update;
    }

    private async Task PostAsync(Uri bot, JsonObject update)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot, BotProcess.WebhookPath))
        {
            Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", BotProcess.WebhookSecret);
        using var response = await _bots.Http.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel), CultureInfo.InvariantCulture);
    }

    /// <summary>pg_ctlcluster on the outage test's own cluster (never the shared one), as root or through sudo.</summary>
    private static async Task ClusterAsync(string cluster, params string[] action)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "pg_ctlcluster" : "sudo") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (!asRoot)
        {
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add("pg_ctlcluster");
        }
        foreach (var argument in cluster.Split(' ').Concat(action))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var errors = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"pg_ctlcluster {cluster} {string.Join(' ', action)}: {await output}{await errors}");
    }
}
