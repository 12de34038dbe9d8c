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
public sealed record LanguagePack(string Code, BotTexts Texts, IReadOnlyDictionary<string, Guide> Guides)
{
    /// <summary>What the bot answers to messages that are not questions about a guide (<c>smalltalk.yaml</c>).</summary>
    public IReadOnlyList<SmallTalkIntent> SmallTalk { get; init; } = [];

    /// <summary>Sentences of a story that say nothing about the question (<c>context.txt</c>): the reader learns to discount them.</summary>
    public IReadOnlyList<string> Context { get; init; } = [];

    /// <summary>Moderators' answers the bot gives itself (<c>answers.yaml</c>), in this language.</summary>
    public IReadOnlyList<SavedAnswer> SavedAnswers { get; init; } = [];
}

/// <summary>
/// A moderator's answer to a question the guides do not cover, saved so that the bot gives it itself
/// (<c>answers.yaml</c>). The same <see cref="Id"/> in several languages is one answer in each; it is served only in
/// the languages it has, to its <see cref="Community"/> (null: every community). <see cref="Examples"/> are the
/// questions that led to it, the reader's training data with the <see cref="Title"/>; <see cref="Line"/> is where
/// it starts in its file.
/// </summary>
public sealed record SavedAnswer(string Id, string Title, string Answer, string? Community, IReadOnlyList<string> Examples, int Line = 0)
{
    /// <summary>Whether a user of <paramref name="community"/> may be given this answer.</summary>
    public bool IsFor(string community) => Community is null || Community == community;
}

/// <summary>
/// One kind of small talk ("greeting", "thanks", "human"): example messages the reader learns it from, and the reply.
/// A <see cref="Handoff"/> intent also passes the message to the moderators as a question.
/// </summary>
public sealed record SmallTalkIntent(string Id, string Reply, bool Handoff, IReadOnlyList<string> Examples);

/// <summary>
/// A user message labelled with the section that answers it (<c>&lt;guide&gt;.examples.tsv</c>), the free-text
/// reader's training data. <see cref="Label"/> is null for an off-topic message; <see cref="Kind"/> says how it
/// is written (paraphrase, situation, option, typo, layout, translit, offtopic, moderator).
/// </summary>
public sealed record LabelledExample(Understanding.Topic? Label, string Kind, string Text, int Line)
{
    /// <summary>The set the line was written in: the name of the last <c># name: notes</c> comment above it, or "".</summary>
    public string Set { get; init; } = "";
}

/// <summary>
/// One guide in one language. <see cref="OutOfScope"/> are phrases of nearby things the guide does not cover
/// ("delete a review"): the free-text reader learns them as off-topic. <see cref="Examples"/> are labelled user
/// messages (<c>&lt;guide&gt;.examples.tsv</c>), the rest of its training data.
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
    IReadOnlyList<string> OutOfScope)
{
    public IReadOnlyList<LabelledExample> Examples { get; init; } = [];

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
