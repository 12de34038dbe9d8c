namespace HelpBot.Engine.Understanding;

/// <summary>The part of a guide a free-text message is about.</summary>
public enum TopicKind
{
    /// <summary>What the guide is for, where the deactivation function is in general.</summary>
    Overview,
    Consequences,

    /// <summary>One consequence; <see cref="Topic.Id"/> is its id.</summary>
    Consequence,

    /// <summary>The advice to wait for refunds of cancelled orders.</summary>
    Refunds,

    /// <summary>A part of the walkthrough (Step 1 or Step 2); <see cref="Topic.Id"/> is its number.</summary>
    Part,

    /// <summary>One sub-step; <see cref="Topic.Id"/> is the step id.</summary>
    Step,

    /// <summary>What happens after the form is sent.</summary>
    Done,
    Reasons,

    /// <summary>One reason option; <see cref="Topic.Id"/> is its id.</summary>
    Reason,

    /// <summary>Small talk (content <c>smalltalk.yaml</c>): a greeting, thanks, "talk to a human"; <see cref="Topic.Id"/> is the intent.</summary>
    SmallTalk,

    /// <summary>A moderators' saved answer (content <c>answers.yaml</c>); <see cref="Topic.Id"/> is its id.</summary>
    Saved,
}

/// <summary>A section of a guide, or a small-talk intent or a saved answer (which belong to no guide: their <see cref="Guide"/> is empty).</summary>
public readonly record struct Topic(string Guide, TopicKind Kind, string? Id = null)
{
    public static Topic SmallTalk(string intent) => new("", TopicKind.SmallTalk, intent);

    public static Topic Saved(string id) => new("", TopicKind.Saved, id);

    /// <summary>Whether this is a part of a guide (not small talk, not a saved answer, which belong to none).</summary>
    public bool IsSection => Kind is not (TopicKind.SmallTalk or TopicKind.Saved);
}

/// <summary>What a message was understood as, and how sure the matcher is (0..1).</summary>
public readonly record struct TextMatch(Topic Topic, double Confidence);

/// <summary>
/// What the understanding made of a message: the section to answer with, or, when none is sure enough, the sections
/// it may be about, the likeliest first (none when nothing comes close), for the user to choose from. With an answer,
/// <see cref="Suggestions"/> are the other sections it may be about, offered if the user says the answer is not it.
/// </summary>
public sealed record TextReading(TextMatch? Match, IReadOnlyList<Topic> Suggestions)
{
    /// <summary>
    /// The content language the message is written in (a Russian word typed on the wrong layout or in Latin letters is
    /// Russian); null when it is mixed or too unclear to tell, or the understanding does not say.
    /// </summary>
    public string? Language { get; init; }

    public static TextReading NotUnderstood { get; } = new(null, []);

    public static TextReading Answer(TextMatch match) => new(match, []);
}
