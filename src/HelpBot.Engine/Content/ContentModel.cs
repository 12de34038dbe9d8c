namespace HelpBot.Engine.Content;

/// <summary>All languages and guides, loaded and validated as one unit so a reload swaps everything at once.</summary>
public sealed record ContentCatalog(
    IReadOnlyDictionary<string, LanguagePack> Languages,
    string DefaultLanguage,
    IReadOnlyList<string> GuideIds)
{
    public string DefaultGuide => GuideIds[0];
}

/// <summary>One language folder: the bot's phrases and every guide in that language.</summary>
public sealed record LanguagePack(string Code, BotTexts Texts, IReadOnlyDictionary<string, Guide> Guides);

/// <summary>
/// One guide in one language. <see cref="Synonyms"/> are groups of words that mean the same in this guide
/// ("field", "line", "box"): free-text matching reads a user's word as the others of its group (every guide's
/// groups together, as one index serves all guides). <see cref="OutOfScope"/> are phrases of nearby things the
/// guide does not cover ("delete a review"): a message reading best as one of them is not answered with a section.
/// <see cref="TaskWords"/> name the guide's task ("delete", "account", "form"): a how-question naming none of them asks
/// how to do something else, so a consequence, the refund advice or a reason option does not answer it.
/// </summary>
public sealed record Guide(
    string Id,
    string Title,
    string Intro,
    IReadOnlyList<string> Match,
    Consequences? Consequences,
    IReadOnlyList<GuidePart> Parts,
    IReadOnlyList<GuideStep> Steps,
    string Done,
    string DoneTitle,
    IReadOnlyList<string> DoneMatch,
    ReasonList? Reasons,
    IReadOnlyList<IReadOnlyList<string>> Synonyms,
    IReadOnlyList<string> OutOfScope,
    IReadOnlyList<string> TaskWords)
{
    public GuidePart PartOf(GuideStep step) => Parts.First(p => p.Number == step.Part);
}

public sealed record Consequences(
    string Intro,
    IReadOnlyList<string> Match,
    IReadOnlyList<ContentItem> Items,
    string Advice,
    string AdviceTitle,
    IReadOnlyList<string> AdviceMatch);

/// <summary>One consequence; <see cref="Title"/> labels the button that offers it when the bot is not sure what a user meant.</summary>
public sealed record ContentItem(string Id, string Title, string Text, IReadOnlyList<string> Match);

public sealed record GuidePart(int Number, string Title, string Intro, IReadOnlyList<string> Match);

/// <summary>
/// One sub-step. <see cref="Copy"/> is a phrase shown as code to copy; <see cref="ShowReasons"/> links the reason options;
/// <see cref="Title"/> labels the button that offers the step when the bot is not sure what a user meant.
/// </summary>
public sealed record GuideStep(string Id, string Title, int Part, string Text, string? Copy, bool ShowReasons, IReadOnlyList<string> Match);

public sealed record ReasonList(string Intro, IReadOnlyList<string> Match, IReadOnlyList<ReasonOption> Options);

/// <summary>A reason as the English form shows it, with its translation and the article's advice.</summary>
public sealed record ReasonOption(string Id, string Option, string Translation, string Advice, IReadOnlyList<string> Match);
