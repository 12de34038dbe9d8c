using HelpBot.Storage.LiteDb;

namespace HelpBot.Channels.Telegram.Tests;

/// <summary>A LiteDB file in a folder of its own, opened as often as a test restarts the bot, deleted at the end.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("helpbot-telegram-");

    public LiteDbConversationStore Open() => new(Path.Combine(_folder.FullName, "bot.db"));

    public void Dispose() => _folder.Delete(recursive: true);
}
