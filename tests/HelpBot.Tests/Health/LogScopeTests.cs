using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Tests.Faults;

namespace HelpBot.Tests.Health;

/// <summary>
/// The real host's console log at Information, as shipped (scopes on): what is logged while a Telegram update is handled
/// names the channel, the update and the chat; what users write never appears.
/// </summary>
public sealed class LogScopeTests : IDisposable
{
    private const long Chat = 9401;
    private const string Secret = "мой номер заказа 8126-4471";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly BotProcesses _bots = new("helpbot-logs-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => _bots.Dispose();

    [Fact]
    public async Task TelegramUpdate_LinesCarryChannelUpdateAndChat_AndNoMessageText()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var bot = _bots.Start(api, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" });

        api.SendText(Chat, "/start");
        var menu = await api.WaitForMessageAsync(Chat, timeout: Timeout, cancellationToken: Cancel);
        api.SendText(Chat, Secret);
        await api.WaitForMessageAsync(Chat, count: 2, timeout: Timeout, cancellationToken: Cancel);
        // A button from no screen the bot knows: the engine logs the refusal (at Information) while handling the update.
        var press = api.PressButton(Chat, api.Message(Chat, menu.MessageId!.Value)!, "zz:no-such-action");
        var refused = await bot.WaitForLineAsync(l => l.Contains("Refused a telegram button press", StringComparison.Ordinal), Timeout);

        // The simple console format puts an entry's scopes on the line above its message.
        var lines = bot.Lines.ToList();
        var scope = lines[lines.IndexOf(refused) - 1];
        Assert.True(scope.Contains($"=> telegram update {press} in chat {Chat}", StringComparison.Ordinal), "no scope above the line; the bot logged:" + Environment.NewLine + bot.Output);
        Assert.DoesNotContain(Secret, bot.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("номер заказа", bot.Output, StringComparison.Ordinal);
    }
}
