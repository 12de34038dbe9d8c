namespace HelpBot.Channels.Discord;

/// <summary>
/// A phrase only Discord needs (command descriptions, a modal label), in English and Russian.
/// Other content languages get the English one, which is also Discord's default for other locales.
/// </summary>
internal sealed record DiscordText(string English, string Russian)
{
    public const string RussianLocale = "ru";

    public string For(string languageCode) => languageCode == RussianLocale ? Russian : English;

    public IReadOnlyDictionary<string, string> Localizations => new Dictionary<string, string> { [RussianLocale] = Russian };
}
