using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using HelpBot.Engine.Content;
using Telegram.Bot.Types;

namespace HelpBot.Channels.Telegram.Setup;

/// <summary>
/// The command menu (setMyCommands) of one language, read from the <c>/name … — description</c> lines of that
/// language's help text, so the menu and /help never disagree and translators edit one place.
/// </summary>
internal static partial class CommandMenu
{
    public const int MaxDescriptionLength = 256;

    public static IReadOnlyList<BotCommand> FromHelp(string help)
    {
        ArgumentNullException.ThrowIfNull(help);
        var commands = new List<BotCommand>();
        foreach (Match line in HelpLine().Matches(help))
        {
            var name = line.Groups["name"].Value;
            if (commands.Exists(c => c.Command == name))
                continue;
            var description = Markup.ToPlainText(line.Groups["description"].Value).Trim();
            if (description.Length > MaxDescriptionLength)
                description = description[..(MaxDescriptionLength - 1)] + "…";
            commands.Add(new BotCommand { Command = name, Description = description });
        }
        return commands;
    }

    /// <summary>Commands the menu lists plus the two every bot has; a bare command in a group counts as ours only if it is one of these.</summary>
    public static bool IsKnown(ContentCatalog catalog, string command)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return KnownNames.GetValue(catalog, static c => c.Languages.Values
            .SelectMany(language => FromHelp(language.Texts[TextKey.Help]))
            .Select(command => command.Command)
            .Append("start")
            .Append("help")
            .ToFrozenSet(StringComparer.Ordinal)).Contains(command);
    }

    /// <summary>Per content version, so a content reload is seen without holding old catalogs alive.</summary>
    private static readonly ConditionalWeakTable<ContentCatalog, FrozenSet<string>> KnownNames = new();

    [GeneratedRegex(@"^[ \t]*/(?<name>[a-z0-9_]{1,32})(?![A-Za-z0-9_@])[^\n—–]*?[ \t][—–-][ \t]+(?<description>[^\n]*\S)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex HelpLine();
}
