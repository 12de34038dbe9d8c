using HelpBot.ModeratorConsole.Tests.Infrastructure;
using HelpBot.Storage.Tests;
using Microsoft.Playwright;
using Npgsql;

namespace HelpBot.ModeratorConsole.Tests.Browser;

/// <summary>
/// Two bot instances on one PostgreSQL schema, as behind one address: a <c>/console</c> link issued by one signs in on
/// the other, and the session cookie either sets is accepted by both (one shared Data Protection key ring). The browser
/// sends its 127.0.0.1 cookies to both ports, as it would to one address served by either instance.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private string _schema = "";
    private ConsoleHost? _issuer;
    private ConsoleHost? _other;

    public async ValueTask InitializeAsync()
    {
        _schema = PostgresServer.CreateSchema();
        _issuer = new ConsoleHost { PostgresConnectionString = _schema };
        await _issuer.InitializeAsync();
        _other = new ConsoleHost { PostgresConnectionString = _schema };
        await _other.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_other is not null)
            await _other.DisposeAsync();
        if (_issuer is not null)
            await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task LinkIssuedByOneInstance_SignsInOnTheOther_WhoseSessionTheFirstAccepts()
    {
        // Discord's /console replies in the interaction's response; a Telegram reply would go through the shared outbox,
        // which either instance may send to its own fake Bot API.
        var link = new Uri(ConsoleHost.LinkIn(await _issuer!.DiscordReplyAsync("console")));
        await using var browser = await _other!.NewContextAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(_other.BaseUrl, link.PathAndQuery).AbsoluteUri);
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#community")).ToHaveTextAsync(ConsoleHost.DiscordCommunity);

        var onIssuer = await page.GotoAsync(new Uri(_issuer.BaseUrl, "/console").AbsoluteUri);
        Assert.Equal(200, onIssuer!.Status);
        await Assertions.Expect(page.Locator("#signed-in-as")).ToContainTextAsync("discord:" + ConsoleHost.DiscordModerator);

        await using var second = await _issuer.NewContextAsync();
        var again = await second.NewPageAsync();
        await again.GotoAsync(link.AbsoluteUri);
        var refused = await again.RunAndWaitForResponseAsync(() => again.ClickAsync("#sign-in"), r => r.Request.Method == "POST");
        Assert.Equal(401, refused.Status);

        // Hosts on one machine would also share its default key folder: the ring they used is the database's.
        await using var connection = new NpgsqlConnection(_schema);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var keys = new NpgsqlCommand("SELECT count(*) FROM data_protection_keys", connection);
        Assert.NotEqual(0L, await keys.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
