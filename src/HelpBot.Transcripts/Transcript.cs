namespace HelpBot.Transcripts;

/// <summary>A parsed <c>.chat</c> file.</summary>
public sealed record Transcript(
    string File,
    string Locale,
    string UserId,
    IReadOnlyList<TranscriptTurn> Turns,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<ModeratorsChat> ModeratorChats)
{
    public Transcript(string file, string locale, string userId, IReadOnlyList<TranscriptTurn> turns)
        : this(file, locale, userId, turns, [], [])
    {
    }

    /// <summary>
    /// Extension <c>@content copy</c>: the bot works on its own copy of <c>content/</c>, which its moderators may change
    /// (labels filed with /review), thrown away after the transcript; without it, the bot files no labels.
    /// </summary>
    public bool OwnContent { get; init; }

    /// <summary>
    /// Extension <c>@content copy FOLDER</c>: the full path of a folder whose files (<c>en/answers.yaml</c>) are laid over
    /// the copy of <c>content/</c> before the transcript starts, so it can begin with content the repository has not
    /// (saved answers to manage); null: the copy is <c>content/</c> as it is.
    /// </summary>
    public string? ContentFiles { get; init; }
}

/// <summary>
/// Extension: a named participant (<c>@participant ann telegram 501 locale=ru</c>), so one transcript can show
/// a user and a moderator in different channels. The unnamed participant is the format's own user.
/// </summary>
public sealed record Participant(string Name, string Channel, string UserId, string ChatId, string Locale, bool IsModerator, string Community);

/// <summary>Extension: a moderators' chat where new questions are posted (<c>@moderators discord 900 language=en</c>).</summary>
public sealed record ModeratorsChat(string Channel, string ChatId, string Language, string Community);

public enum TurnKind
{
    /// <summary><c>&gt; text</c></summary>
    Text,

    /// <summary><c>&gt; [Label]</c></summary>
    PressLabel,

    /// <summary><c>&gt; [~fragment]</c></summary>
    PressFragment,

    /// <summary>Extension <c>name&gt;^ text</c>: a reply to the last message the bot delivered to that participant's chat.</summary>
    ReplyText,
}

/// <summary>One user turn and the expectations on the bot's whole answer to it. <see cref="Actor"/> is null for the default user.</summary>
public sealed record TranscriptTurn(int Line, TurnKind Kind, string Value, IReadOnlyList<Expectation> Expectations, string? Actor = null);

public enum ExpectationKind
{
    /// <summary><c>&lt; fragment</c></summary>
    Contains,

    /// <summary><c>&lt;! fragment</c></summary>
    NotContains,

    /// <summary><c>&lt;/regex/</c></summary>
    Matches,

    /// <summary><c>&lt;[A] [B]</c></summary>
    Buttons,

    /// <summary><c>&lt;#</c></summary>
    Empty,
}

/// <summary>
/// An expectation on the answer to the most recent turn; with a <see cref="Recipient"/> (extension
/// <c>name&lt; ...</c>), on what the bot delivered to that participant's chat as a result of that turn.
/// </summary>
public sealed record Expectation(int Line, ExpectationKind Kind, string Value, IReadOnlyList<string> Labels, string? Recipient = null)
{
    public string Source => Recipient + (Kind switch
    {
        ExpectationKind.Contains => "< " + Value,
        ExpectationKind.NotContains => "<! " + Value,
        ExpectationKind.Matches => "</" + Value + "/",
        ExpectationKind.Buttons => "<" + string.Concat(Labels.Select(l => "[" + l + "]")),
        _ => "<#",
    });
}

/// <summary>A line the format does not allow, with its position.</summary>
public sealed class TranscriptFormatException(string file, int line, string message)
    : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;

    public int Line { get; } = line;
}
