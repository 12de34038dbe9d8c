using System.Collections.Frozen;
using HelpBot.Engine.Content;

namespace HelpBot.Engine.Dialog;

/// <summary>Every fixed message of one content version, per language and guide.</summary>
internal sealed class ScreenBook
{
    public ScreenBook(ContentCatalog catalog)
    {
        Catalog = catalog;
        var languageButtons = catalog.Languages.Values
            .Select(p => new Button(p.Texts[TextKey.LanguageName], new ActionId(ActionId.Language, p.Code, null).ToString()))
            .ToArray();
        AvailableLanguages = string.Join(", ", catalog.Languages.Keys);
        Languages = catalog.Languages.ToFrozenDictionary(
            l => l.Key,
            l => new LanguageScreens(l.Value, catalog, languageButtons),
            StringComparer.Ordinal);
        // Every language's words work in every language: a Russian user may well type "next" or "back".
        NextWords = WordsOfEveryLanguage(catalog, TextKey.TypedNext);
        BackWords = WordsOfEveryLanguage(catalog, TextKey.TypedBack);
    }

    /// <summary>Typed words that move the walkthrough one step on, in any language (<see cref="TypedWords"/>).</summary>
    public FrozenSet<string> NextWords { get; }

    /// <summary>Typed words that move the walkthrough one step back, in any language.</summary>
    public FrozenSet<string> BackWords { get; }

    private static FrozenSet<string> WordsOfEveryLanguage(ContentCatalog catalog, TextKey key) =>
        catalog.Languages.Values.SelectMany(p => TypedWords.Parse(p.Texts[key])).ToFrozenSet(StringComparer.Ordinal);

    public ContentCatalog Catalog { get; }

    public string AvailableLanguages { get; }

    public FrozenDictionary<string, LanguageScreens> Languages { get; }

    /// <summary>A user's explicit choice if still offered, else the client's locale (<c>en-US</c> → <c>en</c>), else the default.</summary>
    public LanguageScreens LanguageFor(string? chosen, string? locale)
    {
        if (chosen is not null && Languages.TryGetValue(chosen, out var screens))
            return screens;
        if (!string.IsNullOrEmpty(locale))
        {
            var end = locale.AsSpan().IndexOfAny('-', '_');
            var code = (end < 0 ? locale : locale[..end]).ToLowerInvariant();
            if (Languages.TryGetValue(code, out screens))
                return screens;
        }
        return Languages[Catalog.DefaultLanguage];
    }
}

internal sealed class LanguageScreens
{
    public LanguageScreens(LanguagePack pack, ContentCatalog catalog, IReadOnlyList<Button> languageButtons)
    {
        Code = pack.Code;
        Texts = pack.Texts;
        Guides = catalog.GuideIds.ToFrozenDictionary(
            id => id,
            id => new GuideScreens(
                pack.Guides[id],
                pack.Texts,
                catalog.GuideIds.Where(other => other != id)
                    .Select(other => new Button(pack.Guides[other].Title, new ActionId(ActionId.Guide, other, null).ToString()))
                    .ToArray()),
            StringComparer.Ordinal);
        LanguagePrompt = new Reply(new OutgoingMessage(Texts[TextKey.LanguagePrompt], [languageButtons]));
        SmallTalk = pack.SmallTalk.ToFrozenDictionary(i => i.Id, StringComparer.Ordinal);
        SavedAnswers = pack.SavedAnswers.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
    }

    /// <summary>The moderators' saved answers in this language, by id (each for its community, or every one).</summary>
    public FrozenDictionary<string, SavedAnswer> SavedAnswers { get; }

    /// <summary>What the bot answers to greetings, thanks and the like, by intent id.</summary>
    public FrozenDictionary<string, SmallTalkIntent> SmallTalk { get; }

    public string Code { get; }

    public BotTexts Texts { get; }

    public FrozenDictionary<string, GuideScreens> Guides { get; }

    public Reply LanguagePrompt { get; }
}
