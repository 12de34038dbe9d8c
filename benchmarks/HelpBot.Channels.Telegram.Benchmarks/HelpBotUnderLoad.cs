using HelpBot.Delivery;
using HelpBot.Engine.Content;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using HelpBot.Storage.LiteDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram.Benchmarks;

/// <summary>
/// The real Telegram channel (polling, dispatcher, engine, content, sender) composed as the host composes it,
/// with Telegram's send limits off: they cap a real bot at 30 messages/s and would measure nothing but themselves.
/// </summary>
internal sealed class HelpBotUnderLoad(ContentCatalog content, bool liteDb) : IBotUnderLoad
{
    private IHost? _host;
    private LiteDbConversationStore? _liteDb;
    private DirectoryInfo? _folder;

    public string Name => liteDb ? "HelpBot (LiteDB file)" : "HelpBot (in-memory store)";

    public async Task StartAsync(FakeBotApi.FakeBotApiServer api, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var settings = api.LoadRunSettings();
        settings["Telegram:MaxPendingUpdates"] = "10000";
        builder.Configuration.AddInMemoryCollection(settings);
        IConversationStore store;
        if (liteDb)
        {
            _folder = Directory.CreateTempSubdirectory("helpbot-bench-");
            store = _liteDb = new LiteDbConversationStore(Path.Combine(_folder.FullName, "bench.db"));
        }
        else
        {
            store = new InMemoryConversationStore();
        }
        builder.Services.AddSingleton<IContentProvider>(new FixedContentProvider(content));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton((IOutboxStore)store);
        builder.AddOutboxDelivery();
        builder.Services.AddSingleton<IDialogEngine>(sp => new DialogEngine(new DialogDependencies(sp.GetRequiredService<IContentProvider>(), store)
        {
            Outbox = sp.GetRequiredService<OutboxFeed>(),
        }));
        builder.AddTelegramChannel();
        _host = builder.Build();
        await _host.StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        _liteDb?.Dispose();
        _folder?.Delete(recursive: true);
    }
}
