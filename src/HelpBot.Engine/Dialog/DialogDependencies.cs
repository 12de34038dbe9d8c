using HelpBot.Engine.Content;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpBot.Engine.Dialog;

/// <summary>
/// What the dialog engine works with. Content and the user store are required; the rest has a sensible default:
/// no understanding (free text falls back to the menu), the system clock, no moderation, no charts, no reload.
/// </summary>
public sealed record DialogDependencies(IContentProvider Content, IConversationStore Store)
{
    public ITextUnderstanding Understanding { get; init; } = new NoTextUnderstanding();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public DialogOptions Options { get; init; } = new();

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Turn counts and durations; none: nothing is measured.</summary>
    public DialogMetrics? Metrics { get; init; }

    /// <summary>Questions, posts, statistics. Null: the store's own, when it is also a moderation store.</summary>
    public IModerationStore? Moderation
    {
        get => _moderation ?? Store as IModerationStore;
        init => _moderation = value;
    }

    /// <summary>Where questions are posted.</summary>
    public ModerationOptions ModerationOptions { get; init; } = new();

    /// <summary>Charts and CSV files for /stats and /export; none: no chart, and /export says there is nothing.</summary>
    public IReportRenderer? Reports { get; init; }

    /// <summary>Re-reads content for /reload; none: /reload reports no errors and the current content.</summary>
    public IContentReloader? Reloader { get; init; }

    /// <summary>The moderators' review decisions. Null: the store's own, when it is also a review store.</summary>
    public IReviewStore? Reviews
    {
        get => _reviews ?? Store as IReviewStore;
        init => _reviews = value;
    }

    /// <summary>This process's delivery loop, handed each commit's outbox messages; none: they wait for the loop's next look.</summary>
    public OutboxFeed? Outbox { get; init; }

    /// <summary>Where moderators' labels are filed (the guides' examples files); none: /review cannot file.</summary>
    public ITrainingExamples? Examples { get; init; }

    /// <summary>
    /// The content's saved answers as moderators change them (<c>answers.yaml</c>); none: an answer cannot be saved as
    /// the bot's, /faq only lists them, and /review cannot file a text under one. Saved answers already in the content
    /// are served either way.
    /// </summary>
    public ISavedAnswers? SavedAnswers { get; init; }

    /// <summary>One-time sign-in links to the moderators' console (<c>/console</c>); none: the console is off and <c>/console</c> says so.</summary>
    public IConsoleLinks? ConsoleLinks { get; init; }

    /// <summary>The guides' files as the moderators' console edits them; none: the console's content desk only reads the content.</summary>
    public IContentFiles? ContentFiles { get; init; }

    private readonly IModerationStore? _moderation;
    private readonly IReviewStore? _reviews;
}
