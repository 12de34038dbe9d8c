using System.Net;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Delivery;
using HelpBot.Channels.Telegram.Webhook;
using HelpBot.Engine.Content;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Storage;
using HelpBot.Reports;
using HelpBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Tests;

/// <summary>
/// The Telegram channel with the real engine and content, wired as the host wires it, pointed at a fake Bot API.
/// It listens on 127.0.0.1 (a random port) for the webhook. Limits are short so failures show in seconds.
/// </summary>
public sealed class TelegramTestBot : IAsyncDisposable
{
    public const string Secret = "test-secret_123";
    public const string WebhookPath = "/telegram/update";

    private readonly WebApplication _app;
    private readonly VirtualTime? _time;

    private TelegramTestBot(WebApplication app, CapturedLogs logs, string address, VirtualTime? time)
    {
        _app = app;
        Logs = logs;
        Address = address;
        _time = time;
    }

    public CapturedLogs Logs { get; }

    /// <summary>http://127.0.0.1:port of the bot's own HTTP server (the webhook).</summary>
    public string Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TelegramTestBot> StartAsync(
        FakeBotApiServer api,
        IConversationStore? store = null,
        IDictionary<string, string?>? settings = null,
        VirtualTime? time = null,
        Action<IServiceCollection>? services = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var configuration = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = api.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:WebhookUrl"] = "https://bot.example.test" + WebhookPath,
            ["Telegram:SecretToken"] = Secret,
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:PollingErrorDelay"] = "00:00:00.100",
            // Telegram's per-chat pace would stretch a walkthrough to many seconds; the limiter has its own tests.
            ["Telegram:ChatMessagesPerSecond"] = "0",
            ["Telegram:GroupMessagesPerMinute"] = "0",
            ["Delivery:RetryBaseDelay"] = "00:00:00.050",
            ["Delivery:RetryMaxDelay"] = "00:00:00.200",
        };
        // The overall pace (30 messages/s) waits on the bot's clock: on a test clock standing still, the 31st message
        // would wait for the test to move it.
        if (time is not null)
            configuration["Telegram:MessagesPerSecond"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        builder.Configuration.AddInMemoryCollection(configuration);

        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);

        // The engine as the host builds it, moderation included, and the outbox delivery loop replies go through.
        store ??= new InMemoryConversationStore();
        if (time is not null)
            builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IContentProvider>(new FixedContentProvider(TestCatalog.Content));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton((IOutboxStore)store);
        builder.AddOutboxDelivery();
        builder.Services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.SectionName);
        builder.Services.AddSingleton<IDialogEngine>(sp => new DialogEngine(new DialogDependencies(sp.GetRequiredService<IContentProvider>(), store)
        {
            Logger = sp.GetRequiredService<ILogger<DialogEngine>>(),
            Time = sp.GetRequiredService<TimeProvider>(),
            ModerationOptions = sp.GetRequiredService<IOptions<ModerationOptions>>().Value,
            Reports = new ReportRenderer(),
            Outbox = sp.GetService<OutboxFeed>(),
        }));
        // A test's own services first: the channel adds its defaults only where none is registered.
        services?.Invoke(builder.Services);
        builder.AddTelegramChannel();

        var app = builder.Build();
        app.MapTelegramWebhook();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TelegramTestBot(app, logs, address, time);
    }

    public async ValueTask DisposeAsync()
    {
        // A clock standing still would hold the host's disposal forever (see VirtualTime).
        _time?.Follow();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
