namespace HelpBot.Channels.Discord;

/// <summary>Discord's locales (its <c>Locale</c> list) for a content language code: <c>ru</c> → <c>ru</c>, <c>en</c> → <c>en-US</c> and <c>en-GB</c>.</summary>
internal static class DiscordLocales
{
    private static readonly string[] All =
    [
        "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl", "pt-BR",
        "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja", "zh-TW", "ko",
    ];

    /// <summary>The locales whose language is <paramref name="languageCode"/>; none when Discord has no such language.</summary>
    public static IEnumerable<string> Of(string languageCode) =>
        All.Where(locale => locale == languageCode || locale.StartsWith(languageCode + "-", StringComparison.Ordinal));
}
