using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;

namespace HelpBot.Channels.Discord.Commands;

/// <summary>
/// The slash commands: the dialog table's listed commands, named as in the engine, with each argument a text option.
/// Descriptions, translated names and option texts come from <c>commands:</c> in each language's <c>bot.yaml</c>:
/// English (else the default language) is the base, every other language a Discord localization; Discord always
/// sends the base name back.
/// </summary>
internal static class SlashCommandCatalog
{
    /// <summary>MANAGE_MESSAGES: who sees moderator commands by default, and who moderates in the configured server.</summary>
    public const uint ModeratorPermissions = 1 << 13;

    private const int MaxOptionLength = 6000;

    private const string BaseLanguage = "en";

    public static IEnumerable<DialogCommand> All => DialogTable.Commands.Where(c => c.Listed);

    /// <summary>The registration payload. <paramref name="maxTextLength"/> is the engine's limit on a whole text turn.</summary>
    public static IReadOnlyList<ApplicationCommand> Build(ContentCatalog content, int maxTextLength)
    {
        ArgumentNullException.ThrowIfNull(content);
        var baseTexts = (content.Languages.GetValueOrDefault(BaseLanguage) ?? content.Languages[content.DefaultLanguage]).Texts;
        var localized = content.Languages.Values.Where(l => l.Texts != baseTexts)
            .SelectMany(l => DiscordLocales.Of(l.Code).Select(locale => (Locale: locale, l.Texts)))
            .ToArray();
        var languages = content.Languages.Values
            .Select(l => new ApplicationCommandOptionChoice(l.Texts[TextKey.LanguageName], l.Code))
            .ToArray();
        return All.Select(command =>
            {
                CommandTexts TextsIn(BotTexts texts) => texts.Commands[command.Name];
                return new ApplicationCommand(
                    command.Name,
                    TextsIn(baseTexts).Description,
                    localized.ToDictionary(l => l.Locale, l => TextsIn(l.Texts).Name),
                    localized.ToDictionary(l => l.Locale, l => TextsIn(l.Texts).Description),
                    command.Arguments.Count == 0 ? null : command.Arguments.Select(argument =>
                    {
                        ArgumentTexts ArgumentIn(BotTexts texts) => TextsIn(texts).Arguments[argument.Name];
                        return new ApplicationCommandOption(
                            argument.Name,
                            ArgumentIn(baseTexts).Description,
                            localized.ToDictionary(l => l.Locale, l => ArgumentIn(l.Texts).Name),
                            localized.ToDictionary(l => l.Locale, l => ArgumentIn(l.Texts).Description),
                            argument.IsLanguage ? null : Math.Min(argument.MaxLength ?? command.MaxArgumentLength(maxTextLength), MaxOptionLength),
                            argument.IsLanguage ? languages : null);
                    }).ToArray())
                {
                    DefaultMemberPermissions = command.Audience == Audience.Moderators ? ModeratorPermissions : null,
                };
            })
            .ToArray();
    }
}
