namespace HelpBot.Transcripts;

/// <summary>A parsed <c>.chat</c> file.</summary>
public sealed record Transcript(string File, string Locale, string UserId, IReadOnlyList<TranscriptTurn> Turns);

public enum TurnKind
{
    /// <summary><c>&gt; text</c></summary>
    Text,

    /// <summary><c>&gt; [Label]</c></summary>
    PressLabel,

    /// <summary><c>&gt; [~fragment]</c></summary>
    PressFragment,
}

/// <summary>One user turn and the expectations on the bot's whole answer to it.</summary>
public sealed record TranscriptTurn(int Line, TurnKind Kind, string Value, IReadOnlyList<Expectation> Expectations);

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

public sealed record Expectation(int Line, ExpectationKind Kind, string Value, IReadOnlyList<string> Labels)
{
    public string Source => Kind switch
    {
        ExpectationKind.Contains => "< " + Value,
        ExpectationKind.NotContains => "<! " + Value,
        ExpectationKind.Matches => "</" + Value + "/",
        ExpectationKind.Buttons => "<" + string.Concat(Labels.Select(l => "[" + l + "]")),
        _ => "<#",
    };
}

/// <summary>A line the format does not allow, with its position.</summary>
public sealed class TranscriptFormatException(string file, int line, string message)
    : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;

    public int Line { get; } = line;
}
