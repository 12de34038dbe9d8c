using System.Diagnostics.Metrics;
using HelpBot.Delivery;
using HelpBot.Engine.Delivery;
using Microsoft.Extensions.Options;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HelpBot.Channels.Discord.Interactions;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;
using HelpBot.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HelpBot.Testing;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>
/// The bot's Discord endpoint on a real Kestrel listener on 127.0.0.1, over the real engine and content with an
/// in-memory store, sending its REST calls to a <see cref="FakeDiscordApi"/>. Requests are signed with a test key pair.
/// </summary>
public sealed class DiscordBotServer : IAsyncDisposable
{
    public const string BotToken = "test-bot-token-SECRET";
    public const string ModeratorId = "600000000000000006";
    public const string ModeratorRoleId = "610000000000000061";
    public const string ModeratorsChannelId = "800000000000000008";

    private static readonly Lazy<ContentCatalog> Content = new(() => ContentLoader.Load(RepositoryPaths.Content));

    private readonly WebApplication _app;

    private DiscordBotServer(WebApplication app, FakeDiscordApi api, TestSigner signer, CapturedLogs logs, InMemoryConversationStore store, VirtualTime time)
    {
        Time = time;
        _app = app;
        Api = api;
        Signer = signer;
        Logs = logs;
        Store = store;
    }

    public FakeDiscordApi Api { get; }

    /// <summary>The bot's clock, shared with <see cref="Api"/>'s record of calls: standing still unless the test moves it, or following (see <see cref="VirtualTime"/>).</summary>
    public VirtualTime Time { get; }

    public TestSigner Signer { get; }

    public CapturedLogs Logs { get; }

    public InMemoryConversationStore Store { get; }

    public HttpClient Http { get; } = new();

    public Uri Endpoint { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the bot on <paramref name="time"/>, by default a clock that stands still: no reply is deferred unless a test
    /// moves it. <paramref name="script"/> is what the fake API answers first, set before the bot makes its first call.
    /// </summary>
    public static async Task<DiscordBotServer> StartAsync(IDictionary<string, string?>? settings = null, VirtualTime? time = null, params FakeResponse[] script)
    {
        time ??= VirtualTime.StandingStill();
        var api = await FakeDiscordApi.StartAsync(time);
        api.Enqueue(script);
        var signer = new TestSigner();
        var logs = new CapturedLogs();
        var store = new InMemoryConversationStore();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        var configuration = new Dictionary<string, string?>
        {
            ["Discord:ApplicationId"] = InteractionJson.ApplicationId,
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Discord:BotToken"] = BotToken,
            ["Discord:ApiBaseUrl"] = api.BaseUrl,
            ["Discord:DeferAfter"] = "00:00:01.500",
            ["Discord:ModeratorUserIds:0"] = ModeratorId,
            ["Discord:ModeratorRoleIds:0"] = ModeratorRoleId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);

        var dialog = new DialogOptions();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IContentProvider>(new FixedContentProvider(Content.Value));
        builder.Services.AddSingleton<IConversationStore>(store);
        builder.Services.AddSingleton(dialog);
        builder.Services.AddSingleton<ITextUnderstanding, TestUnderstanding>();
        builder.Services.AddSingleton<IModerationStore>(store);
        builder.Services.AddSingleton<ITextForms>(sp => (DialogEngine)sp.GetRequiredService<IDialogEngine>());
        builder.Services.AddSingleton<IDialogEngine>(sp => new DialogEngine(new DialogDependencies(sp.GetRequiredService<IContentProvider>(), store)
        {
            Understanding = sp.GetRequiredService<ITextUnderstanding>(),
            Options = dialog,
            Logger = sp.GetRequiredService<ILogger<DialogEngine>>(),
            Time = time,
            ModerationOptions = new ModerationOptions { Chats = [new ModeratorChat { Channel = "discord", ChatId = ModeratorsChannelId, Language = "en" }] },
            Reports = new TestReports(),
            Outbox = sp.GetService<OutboxFeed>(),
        }));
        builder.AddDiscordChannel();

        var app = builder.Build();
        app.MapDiscordInteractions();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new DiscordBotServer(app, api, signer, logs, store, time) { Endpoint = new Uri(LoopbackAddress.Of(app) + DiscordInteractionsEndpoint.Pattern) };
    }

    /// <summary>Sends what is due in the outbox (follow-ups, posts, answers) as the host's delivery loop would; returns how many went.</summary>
    public Task<int> DeliverOutboxAsync()
    {
        var dispatcher = new OutboxDispatcher(Services.GetServices<IChannelSender>(), Store, new OutboxFeed(),
            Options.Create(new DeliveryOptions()), new DeliveryMetrics(Services.GetRequiredService<IMeterFactory>()), Time,
            Services.GetRequiredService<ILogger<OutboxDispatcher>>());
        return dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>An <c>X-Signature-Timestamp</c> of the bot's now, moved by <paramref name="offset"/>.</summary>
    public string Timestamp(TimeSpan offset = default) => TestSigner.Timestamp(Time, offset);

    /// <summary>POSTs a body signed with the test key (or <paramref name="signer"/>), as Discord would.</summary>
    public Task<HttpResponseMessage> PostAsync(string json, string? timestamp = null, TestSigner? signer = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        timestamp ??= Timestamp();
        return SendAsync(body, (signer ?? Signer).Sign(timestamp, body), timestamp);
    }

    /// <summary>POSTs raw bytes with the given headers (null leaves a header out).</summary>
    public async Task<HttpResponseMessage> SendAsync(byte[] body, string? signature, string? timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
            request.Headers.Add("X-Signature-Ed25519", signature);
        if (timestamp is not null)
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Sends an interaction that must succeed; returns the interaction response, already checked against Discord's OpenAPI.</summary>
    public async Task<JsonElement> InteractAsync(string json)
    {
        using var response = await PostAsync(json);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        DiscordOpenApi.AssertValidCallback(body);
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        // A clock standing still would hold the host's disposal forever (see VirtualTime).
        Time.Follow();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await Api.DisposeAsync();
        Signer.Dispose();
    }
}
