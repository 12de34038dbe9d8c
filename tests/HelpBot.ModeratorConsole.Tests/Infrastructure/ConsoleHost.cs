using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HelpBot.Channels.Discord.Tests.Infrastructure;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Content;
using HelpBot.Testing;
using HelpBot.Tests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Infrastructure;

/// <summary>
/// One bot host and one browser for the browser tests: the host (Program) on a loopback Kestrel port with the console
/// on, Telegram from the fake Bot API (the default community) and Discord by signed interactions (community beta); Chromium
/// from the system, its REST calls (direct messages) to a fake Discord API. Content is a copy of content/, since the
/// console files labels and saves answers into it. Each test opens its own browser context (its own cookies).
/// </summary>
public sealed partial class ConsoleHost : IAsyncLifetime
{
    public const long TelegramModerator = 4242;
    public const long TelegramUser = 501;
    public const string DiscordModerator = "7001";
    public const string DiscordUser = "8001";
    public const long TelegramModeratorsGroup = -1009990001;
    // The default community: its moderators also change what every community shares (the guides' texts).
    public const string TelegramCommunity = Engine.Dialog.Turn.DefaultCommunity;
    public const string DiscordCommunity = "beta";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("helpbot-console-");
    private readonly TestSigner _discordSigner = new();

    /// <summary>The bot's content, copied: pages save edits, labels and saved answers (and backups) into it.</summary>
    private readonly ContentFolderCopy _content = new(RepositoryPaths.Content);
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public FakeBotApiServer Telegram { get; private set; } = null!;

    /// <summary>Discord's REST API: what the bot posts outside interactions (an answer's direct message).</summary>
    public FakeDiscordApi Discord { get; private set; } = null!;

    /// <summary>The host's copy of content/ (the examples and answers files the console writes).</summary>
    public string ContentRoot => _content.Root;

    public Uri BaseUrl { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public HttpClient Http { get; } = new();

    /// <summary>When set, the host stores on this PostgreSQL schema (as one of several instances) instead of a LiteDB file.</summary>
    public string? PostgresConnectionString { get; init; }

    public async ValueTask InitializeAsync()
    {
        Telegram = await FakeBotApiServer.StartAsync();
        Discord = await FakeDiscordApi.StartAsync(TimeProvider.System);
        // The port is chosen first: the console's public address (in links, the menu button) names it.
        var port = LoopbackPorts.Free();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        var settings = new Dictionary<string, string>
        {
            ["Content:Path"] = _content.Root,
            ["Storage:Path"] = Path.Combine(_data.FullName, "helpbot.db"),
            ["Telegram:Token"] = Telegram.Token,
            ["Telegram:ApiBaseUrl"] = Telegram.BaseUrl,
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:MessagesPerSecond"] = "0",
            ["Telegram:ChatMessagesPerSecond"] = "0",
            ["Telegram:ModeratorIds:0"] = TelegramModerator.ToString(CultureInfo.InvariantCulture),
            ["Telegram:Community"] = TelegramCommunity,
            ["Discord:ApplicationId"] = InteractionJson.ApplicationId,
            ["Discord:PublicKey"] = _discordSigner.PublicKeyHex,
            ["Discord:BotToken"] = "discord-test-token",
            ["Discord:ApiBaseUrl"] = Discord.BaseUrl,
            ["Discord:ModeratorUserIds:0"] = DiscordModerator,
            ["Discord:Community"] = DiscordCommunity,
            ["Moderation:Chats:0:Channel"] = "telegram",
            ["Moderation:Chats:0:ChatId"] = TelegramModeratorsGroup.ToString(CultureInfo.InvariantCulture),
            ["Moderation:Chats:0:Community"] = TelegramCommunity,
            ["Delivery:PollInterval"] = "00:00:00.100",
            ["ModeratorConsole:Enabled"] = "true",
            ["ModeratorConsole:PublicUrl"] = BaseUrl.AbsoluteUri,
            // The tests share one client address; the limit has its own test.
            ["ModeratorConsole:SignInAttemptsPerMinute"] = "10000",
            ["Understanding:ModelDirectory"] = Path.Combine(Path.GetTempPath(), "helpbot-models"),
        };
        if (PostgresConnectionString is not null)
        {
            settings["Storage:Provider"] = "Postgres";
            settings["Storage:ConnectionString"] = PostgresConnectionString;
        }
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _factory.StartServer();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context at phone width; with <paramref name="initData"/>, as inside a Telegram Mini App.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? initData = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.AbsoluteUri, ViewportSize = new ViewportSize { Width = 375, Height = 720 } });
        // What a Telegram client provides inside the Mini App (see console.js).
        if (initData is not null)
            await context.AddInitScriptAsync($"window.Telegram = {{ WebApp: {{ initData: {System.Text.Json.JsonSerializer.Serialize(initData)}, themeParams: {{ bg_color: '#101820', text_color: '#fafafa' }} }} }};");
        return context;
    }

    /// <summary>The link the bot sends a Telegram moderator for <c>/console</c> in their private chat.</summary>
    public Task<string> TelegramLinkAsync() => TelegramReplyAsync(TelegramModerator, "/console");

    /// <summary>The bot's next message in <paramref name="chatId"/> (default: the user's private chat) after the user sends <paramref name="text"/> there.</summary>
    /// <param name="timeout">Default 30 s; a free text's first reply waits for the reader's training (a minute or more on a busy machine).</param>
    public async Task<string> TelegramReplyAsync(long userId, string text, long? chatId = null, string languageCode = "en", TimeSpan? timeout = null)
    {
        var chat = chatId ?? userId;
        var before = Telegram.Messages(chat).Count;
        Telegram.SendText(userId, text, languageCode: languageCode, chatId: chatId);
        var sent = await Telegram.WaitForMessageAsync(chat, count: before + 1, timeout: timeout ?? TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);
        return Telegram.Message(chat, sent.MessageId!.Value)!.Text;
    }

    /// <summary>The ephemeral reply to a Discord <c>/console</c> (signed as Discord signs interactions).</summary>
    public async Task<string> DiscordReplyAsync(string command, string user = DiscordModerator, params (string Name, string Value)[] options)
    {
        var body = Encoding.UTF8.GetBytes(InteractionJson.Command(user, command, "en-US", options));
        var timestamp = TestSigner.Timestamp(TimeProvider.System);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "/discord/interactions")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", _discordSigner.Sign(timestamp, body));
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("data").GetProperty("content").GetString()!;
    }

    /// <summary>A browser context signed in by a link from <paramref name="linkReply"/> (default: the Telegram moderator's /console), on its overview.</summary>
    public async Task<IBrowserContext> SignedInAsync(string? linkReply = null)
    {
        var link = LinkIn(linkReply ?? await TelegramLinkAsync());
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#community")).ToBeVisibleAsync();
        return context;
    }

    public static string LinkIn(string text)
    {
        var match = LoginLink().Match(text);
        Assert.True(match.Success, "no sign-in link in: " + text);
        return match.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        if (Telegram is not null)
            await Telegram.DisposeAsync();
        if (Discord is not null)
            await Discord.DisposeAsync();
        Http.Dispose();
        _discordSigner.Dispose();
        _data.Delete(recursive: true);
        _content.Dispose();
    }


    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/console/login\?token=[0-9a-f]{64}")]
    private static partial Regex LoginLink();
}

[CollectionDefinition(Name)]
public sealed class SharedConsoleHost : ICollectionFixture<ConsoleHost>
{
    public const string Name = "console host";
}
