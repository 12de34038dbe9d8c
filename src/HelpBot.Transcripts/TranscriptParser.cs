using System.Text.RegularExpressions;

namespace HelpBot.Transcripts;

/// <summary>Reads the <c>.chat</c> format exactly as shared/specs/transcript-format.md defines it.</summary>
public static partial class TranscriptParser
{
    public const string DefaultLocale = "ru";
    public const string DefaultUserId = "1001";

    public static Transcript ParseFile(string path) => Parse(path, File.ReadAllText(path));

    public static Transcript Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var locale = DefaultLocale;
        var userId = DefaultUserId;
        var turns = new List<TranscriptTurn>();
        List<Expectation>? expectations = null;
        (int Line, TurnKind Kind, string Value)? current = null;

        void CloseTurn()
        {
            if (current is { } turn)
                turns.Add(new TranscriptTurn(turn.Line, turn.Kind, turn.Value, expectations!));
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var number = index + 1;
            var line = lines[index].TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                continue;

            if (trimmed.StartsWith('@'))
            {
                if (current is not null)
                    throw new TranscriptFormatException(file, number, "header lines (@locale, @user) must come before the first user turn");
                var (key, value) = SplitHeader(file, number, trimmed);
                switch (key)
                {
                    case "locale": locale = value; break;
                    case "user": userId = value; break;
                    default: throw new TranscriptFormatException(file, number, $"unknown header '@{key}' (known: @locale, @user)");
                }
            }
            else if (trimmed.StartsWith('>'))
            {
                CloseTurn();
                current = ParseTurn(file, number, trimmed[1..].Trim());
                expectations = [];
            }
            else if (trimmed.StartsWith('<'))
            {
                if (current is null)
                    throw new TranscriptFormatException(file, number, "an expectation needs a user turn (> ...) before it");
                expectations!.Add(ParseExpectation(file, number, trimmed));
            }
            else
            {
                throw new TranscriptFormatException(file, number, $"unrecognized line '{Shorten(trimmed)}': lines start with #, @, > or <");
            }
        }
        CloseTurn();
        if (turns.Count == 0)
            throw new TranscriptFormatException(file, 1, "a transcript needs at least one user turn (> ...)");
        return new Transcript(file, locale, userId, turns);
    }

    private static (string Key, string Value) SplitHeader(string file, int number, string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var value = space < 0 ? "" : line[(space + 1)..].Trim();
        if (value.Length == 0)
            throw new TranscriptFormatException(file, number, $"header '{line}' needs a value");
        return (line[1..space], value);
    }

    private static (int, TurnKind, string) ParseTurn(string file, int number, string body)
    {
        if (body.Length > 2 && body[0] == '[' && body[^1] == ']')
        {
            var label = body[1..^1];
            return label.StartsWith('~')
                ? (number, TurnKind.PressFragment, label[1..])
                : (number, TurnKind.PressLabel, label);
        }
        // "> " alone sends an empty message, which is itself a case worth replaying.
        return (number, TurnKind.Text, body);
    }

    private static Expectation ParseExpectation(string file, int number, string line)
    {
        if (line == "<#")
            return new Expectation(number, ExpectationKind.Empty, "", []);
        if (line.StartsWith("<!", StringComparison.Ordinal))
            return new Expectation(number, ExpectationKind.NotContains, RequireValue(file, number, line[2..]), []);
        if (line.StartsWith("</", StringComparison.Ordinal))
        {
            if (line.Length < 4 || line[^1] != '/')
                throw new TranscriptFormatException(file, number, "a regex expectation is written </pattern/");
            var pattern = line[2..^1];
            try
            {
                _ = new Regex(pattern, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                throw new TranscriptFormatException(file, number, "invalid regular expression: " + ex.Message);
            }
            return new Expectation(number, ExpectationKind.Matches, pattern, []);
        }
        if (line.StartsWith("<[", StringComparison.Ordinal))
        {
            var labels = ButtonLabels().Matches(line[1..]).Select(m => m.Groups[1].Value).ToArray();
            if (labels.Length == 0 || ButtonLabels().Replace(line[1..], "").Trim().Length > 0)
                throw new TranscriptFormatException(file, number, "a buttons expectation is written <[Label] [Label]");
            return new Expectation(number, ExpectationKind.Buttons, "", labels);
        }
        return new Expectation(number, ExpectationKind.Contains, RequireValue(file, number, line[1..]), []);
    }

    private static string RequireValue(string file, int number, string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length > 0 ? trimmed : throw new TranscriptFormatException(file, number, "the expectation has no text");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"\[([^\]]+)\]")]
    private static partial Regex ButtonLabels();
}
