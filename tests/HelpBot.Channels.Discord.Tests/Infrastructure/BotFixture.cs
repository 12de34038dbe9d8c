using HelpBot.Testing;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>One bot for a whole test class; each test uses its own user ids. Subclasses change settings.</summary>
public class BotFixture : IAsyncLifetime
{
    public DiscordBotServer? Bot { get; private set; }

    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>The bot's clock; null: one that stands still.</summary>
    protected virtual VirtualTime? Time => null;

    public async ValueTask InitializeAsync() => Bot = await DiscordBotServer.StartAsync(Settings, Time);

    public async ValueTask DisposeAsync()
    {
        if (Bot is not null)
            await Bot.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
