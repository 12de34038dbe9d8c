using HelpBot.Channels.Telegram.FakeBotApi;

namespace HelpBot.Tests.Faults;

/// <summary>
/// The bot processes one test starts against a fake Bot API, all on one LiteDB file in a temporary folder of the test's
/// own (unless their settings name other storage), and a client to ask them over HTTP; on dispose every one still
/// running is killed and the folder deleted.
/// </summary>
public sealed class BotProcesses(string folderPrefix) : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory(folderPrefix);
    private readonly List<BotProcess> _bots = [];

    public HttpClient Http { get; } = new();

    public string Folder => _data.FullName;

    public string DatabasePath => Path.Combine(_data.FullName, "helpbot.db");

    /// <summary>Starts a bot on <paramref name="api"/>, or on <paramref name="apiBaseUrl"/> in front of it (a proxy).</summary>
    public BotProcess Start(FakeBotApiServer api, IReadOnlyDictionary<string, string>? settings = null, string? apiBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var bot = BotProcess.Start(apiBaseUrl ?? api.BaseUrl, api.Token, DatabasePath, settings);
        _bots.Add(bot);
        return bot;
    }

    public void Dispose()
    {
        _bots.ForEach(b => b.Dispose());
        Http.Dispose();
        _data.Delete(recursive: true);
    }
}
