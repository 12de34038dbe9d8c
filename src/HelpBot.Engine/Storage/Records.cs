namespace HelpBot.Engine.Storage;

/// <summary>What the bot is waiting for from a user's next text message.</summary>
public enum Awaiting
{
    Nothing,
    Question,
    FeedbackComment,

    /// <summary>A moderator pressed "Answer": the next text answers <see cref="UserState.AwaitingQuestion"/>.</summary>
    Answer,

    /// <summary>A moderator pressed "Edit title" under a draft saved answer: the next text is its title (<see cref="UserState.DraftTitle"/>).</summary>
    DraftTitle,

    /// <summary>A moderator pressed "Edit question" under a draft saved answer: the next text is its example (<see cref="UserState.DraftExample"/>).</summary>
    DraftExample,
    /// <summary>
    /// A moderator pressed a saved answer's "Title" in <c>/faq</c>: the next text is the new title of
    /// <see cref="UserState.AwaitingSavedAnswer"/> in <see cref="UserState.AwaitingLanguage"/>.
    /// </summary>
    SavedAnswerTitle,

    /// <summary>As <see cref="SavedAnswerTitle"/>, for the answer's text.</summary>
    SavedAnswerText,

    /// <summary>
    /// As <see cref="SavedAnswerTitle"/>, for the answer in a language it does not have yet: its title (or the title on
    /// the first line and the text below it).
    /// </summary>
    SavedAnswerTranslation,

    /// <summary>After <see cref="SavedAnswerTranslation"/>'s title alone: the text under <see cref="UserState.AwaitingTitle"/>.</summary>
    SavedAnswerTranslationText,
}

/// <summary>A user's conversation state: language choice, guide and walkthrough position.</summary>
public sealed class UserState
{
    /// <summary><c>channel:userId</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// The bot's language for the user: chosen with /language or a language button, or the language of their last free
    /// text that had a clear one (<see cref="LanguageFromText"/>); null means "follow the client's locale".
    /// </summary>
    public string? Language { get; set; }

    /// <summary>
    /// Whether <see cref="Language"/> follows the user's free text, so a message in another language changes it again;
    /// false when it was chosen (states stored before this flag existed chose theirs with /language).
    /// </summary>
    public bool LanguageFromText { get; set; }

    public string? Guide { get; set; }

    /// <summary>1-based sub-step of the walkthrough; 0 means not started.</summary>
    public int Step { get; set; }

    public bool AcceptedConsequences { get; set; }

    /// <summary>
    /// The section of <see cref="Guide"/> the user was last shown, as its topic button's argument
    /// (<c>consequence_email-reuse</c>), so that a short follow-up ("а почта?") is read in its light.
    /// </summary>
    public string? ShownTopic { get; set; }

    /// <summary>
    /// The user's last free text the bot answered with a section (<see cref="ReadTopic"/>), numbered by
    /// <see cref="ReadNumber"/>, so that its "not what I asked" button can offer other sections and pass the text to
    /// the moderators; null once passed on.
    /// </summary>
    public string? ReadText { get; set; }

    /// <summary>Counts answered free texts; a "not what I asked" button carries it, so an older one is refused.</summary>
    public int ReadNumber { get; set; }

    /// <summary>The section <see cref="ReadText"/> was answered with, as its topic button's argument.</summary>
    public string? ReadTopic { get; set; }

    /// <summary>Whether the user already said the answer to <see cref="ReadText"/> was not it (it is recorded once).</summary>
    public bool ReadDisputed { get; set; }

    /// <summary>Bit n set: sub-step n of <see cref="ReachedGuide"/> was reached. Only a first reach is recorded as an event.</summary>
    public long ReachedSteps { get; set; }

    public string? ReachedGuide { get; set; }

    public Awaiting Awaiting { get; set; }

    /// <summary>With <see cref="Storage.Awaiting.Answer"/>: the question a moderator is answering; with a draft's edit, the draft's question.</summary>
    public string? AwaitingQuestion { get; set; }

    /// <summary>
    /// A moderator's draft of a saved answer: the answered question it is made from (its id), null when none is open.
    /// The answer text and language come from the question; only the moderator's edits are kept here.
    /// </summary>
    public string? DraftQuestion { get; set; }

    /// <summary>The draft's title as the moderator typed it; null: the default, made from the draft's question.</summary>
    public string? DraftTitle { get; set; }

    /// <summary>The draft's question as the moderator edited it (personal details removed); null: the question as asked.</summary>
    public string? DraftExample { get; set; }

    /// <summary>The saved answer the user was last given (its id), so that its 👍/👎 counts once.</summary>
    public string? SavedServed { get; set; }

    /// <summary>Counts the saved answers given to the user; 👍/👎 carry it, so an older serving's buttons are refused.</summary>
    public int SavedServing { get; set; }

    /// <summary>Whether the user already rated serving <see cref="SavedServing"/>.</summary>
    public bool SavedRated { get; set; }
    /// <summary>With the saved-answer kinds of <see cref="Storage.Awaiting"/>: the id of the answer a moderator is changing.</summary>
    public string? AwaitingSavedAnswer { get; set; }

    /// <summary>With <see cref="AwaitingSavedAnswer"/>: the language of the change.</summary>
    public string? AwaitingLanguage { get; set; }

    /// <summary>With <see cref="Storage.Awaiting.SavedAnswerTranslationText"/>: the title the moderator sent first.</summary>
    public string? AwaitingTitle { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// For stores that several instances share: how many commits this state has seen when it was read (0: never
    /// stored). A commit over a newer revision is refused with <see cref="TurnConflictException"/>.
    /// </summary>
    public long Revision { get; set; }

    public UserState Clone() => (UserState)MemberwiseClone();
}

/// <summary>"Was this helpful?" per user and guide; a second answer replaces the first.</summary>
public sealed class Feedback
{
    /// <summary><c>userKey|guide</c>, so that one user has one answer per guide.</summary>
    public string Id { get; set; } = "";

    public string UserKey { get; set; } = "";

    public string Guide { get; set; } = "";

    public bool Helpful { get; set; }

    public string? Comment { get; set; }

    public string Community { get; set; } = Dialog.Turn.DefaultCommunity;

    public string Language { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public static string IdFor(string userKey, string guide) => userKey + "|" + guide;
}

public enum QuestionStatus
{
    Open,
    Answered,
    Closed,
}

/// <summary>A question for the community's moderators, with where to deliver the answer.</summary>
public sealed class Question
{
    public string Id { get; set; } = "";

    public string UserKey { get; set; } = "";

    public string Channel { get; set; } = "";

    public string ChatId { get; set; } = "";

    public string? DisplayName { get; set; }

    public string Language { get; set; } = "";

    public string Guide { get; set; } = "";

    /// <summary>The walkthrough sub-step the user was on when asking (0: not started).</summary>
    public int Step { get; set; }

    public string Text { get; set; } = "";

    public string Community { get; set; } = Dialog.Turn.DefaultCommunity;

    public DateTimeOffset AskedAt { get; set; }

    public QuestionStatus Status { get; set; }

    public string? Answer { get; set; }

    /// <summary>Who answered or closed it, as <c>channel:name</c>.</summary>
    public string? ResolvedBy { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The asker's rating of the answer; null until they rate it.</summary>
    public bool? AnswerHelpful { get; set; }

    public Question Clone() => (Question)MemberwiseClone();

    /// <summary>The asker's id in their channel (the part of <see cref="UserKey"/> after the channel name).</summary>
    public string UserId => UserKey[(UserKey.IndexOf(':', StringComparison.Ordinal) + 1)..];
}

public enum DialogEventKind
{
    /// <summary>The user saw walkthrough sub-step <see cref="DialogEvent.Step"/> (for the drop-off funnel).</summary>
    StepReached,

    /// <summary>The user went past the last sub-step.</summary>
    Completed,

    /// <summary>
    /// Free text the bot could not match, or whose answer the user said was not what they asked; <see cref="DialogEvent.Text"/>
    /// holds it, and <see cref="DialogEvent.Topic"/> the section it was answered with, if any.
    /// </summary>
    Unmatched,

    /// <summary>A user's first turn ever (or since /forget).</summary>
    Started,

    /// <summary>
    /// Free text answered with a section (<see cref="DialogEvent.Topic"/>) the reader was not very sure of
    /// (<see cref="Dialog.DialogOptions.ReviewConfidence"/>): moderators may confirm or correct it with /review.
    /// </summary>
    Unsure,

    /// <summary>
    /// The user picked an offered section (<see cref="DialogEvent.Topic"/>) for a free text the bot was not sure of or
    /// misread: a label proposed to the moderators in /review, never filed without one.
    /// </summary>
    Chosen,

    /// <summary>The bot gave a saved answer (<see cref="DialogEvent.Topic"/> is its id), answered or chosen from a button.</summary>
    SavedAnswerServed,

    /// <summary>The user said a saved answer (<see cref="DialogEvent.Topic"/>) helped.</summary>
    SavedAnswerHelpful,

    /// <summary>The user said a saved answer (<see cref="DialogEvent.Topic"/>) did not help.</summary>
    SavedAnswerNotHelpful,
}

/// <summary>An append-only fact about a conversation, for statistics.</summary>
public sealed class DialogEvent
{
    public Guid Id { get; set; }

    public string UserKey { get; set; } = "";

    public DialogEventKind Kind { get; set; }

    public string Guide { get; set; } = "";

    public int Step { get; set; }

    public string? Text { get; set; }

    /// <summary>With <see cref="DialogEventKind.Unmatched"/>: the section the text was answered with (its topic button's argument), if any.</summary>
    public string? Topic { get; set; }

    public string Language { get; set; } = "";

    public string Community { get; set; } = Dialog.Turn.DefaultCommunity;

    public DateTimeOffset At { get; set; }
}

public enum ReviewOutcome
{
    /// <summary>Filed under a section (<see cref="ReviewDecision.Label"/>).</summary>
    Labelled,

    /// <summary>Filed as off-topic.</summary>
    OffTopic,

    /// <summary>Left out of the training data.</summary>
    Skipped,
}

/// <summary>
/// A moderator's decision on a text in the review queue. It names the text only by <see cref="Key"/> (a digest), so it
/// keeps neither the text nor who wrote it: /forget removes the user's texts, and the decision stays harmless.
/// </summary>
public sealed class ReviewDecision
{
    /// <summary><c>community|key</c>: one decision per text and community; a later one replaces it.</summary>
    public string Id { get; set; } = "";

    public string Community { get; set; } = Dialog.Turn.DefaultCommunity;

    /// <summary>The digest of the text's language and its duplicate key (<see cref="Content.ExamplesFile.Key"/>).</summary>
    public string Key { get; set; } = "";

    public ReviewOutcome Outcome { get; set; }

    /// <summary>The label written to the examples file (<c>step:form-email</c>, <c>none</c>); null when skipped.</summary>
    public string? Label { get; set; }

    /// <summary>Who decided, as <c>channel:name</c>.</summary>
    public string By { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public static string IdFor(string community, string key) => community + "|" + key;
}

/// <summary>Everything one turn changes, committed atomically so a crash never leaves half of it.</summary>
public sealed class TurnChanges
{
    public UserState? State { get; set; }

    public List<DialogEvent> Events { get; } = [];

    public Feedback? Feedback { get; set; }

    public Question? Question { get; set; }

    /// <summary>The channel delivery this turn handled; stored with the rest so it is marked handled exactly when its effects are.</summary>
    public string? DeliveryId { get; set; }

    /// <summary>
    /// Messages to send: moderators' posts, and the turn's own reply when the channel queues it (<see cref="Dialog.Turn.ReplyRoute"/>),
    /// stored with the rest of the turn so that none is lost. The store assigns their <see cref="OutboxMessage.Sequence"/> in this order.
    /// </summary>
    public List<OutboxMessage> Outbox { get; } = [];

    public bool IsEmpty => State is null && Events.Count == 0 && Feedback is null && Question is null && DeliveryId is null && Outbox.Count == 0;
}

/// <summary>A channel delivery (update, interaction) that has been handled.</summary>
public sealed class HandledDelivery
{
    public string Id { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
