using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using Telegram.Bot.Types;

namespace HelpBot.Channels.Telegram.Setup;

/// <summary>
/// The command menu (setMyCommands) of one language: the dialog table's listed commands that everyone may use,
/// described in that language's <c>bot.yaml</c>.
/// </summary>
internal static class CommandMenu
{
    public static IReadOnlyList<BotCommand> For(LanguagePack language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return DialogTable.Commands
            .Where(c => c is { Listed: true, Audience: Audience.Everyone })
            .Select(c => new BotCommand { Command = c.Name, Description = language.Texts.Commands[c.Name].Description })
            .ToArray();
    }

    /// <summary>Whether a bare command in a group is ours: a command of the table that everyone may use.</summary>
    public static bool IsKnown(string command) => DialogTable.Find(command) is { Audience: Audience.Everyone };
}
