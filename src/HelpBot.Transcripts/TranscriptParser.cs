using System.Text.RegularExpressions;

namespace HelpBot.Transcripts;

/// <summary>Reads the <c>.chat</c> format exactly as specs/transcript-format.md defines it.</summary>
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
        var participants = new List<Participant>();
        var moderatorChats = new List<ModeratorsChat>();
        var ownContent = false;
        string? contentFiles = null;
        List<Expectation>? expectations = null;
        (int Line, TurnKind Kind, string Value)? current = null;
        string? actor = null;

        void CloseTurn()
        {
            if (current is { } turn)
                turns.Add(new TranscriptTurn(turn.Line, turn.Kind, turn.Value, expectations!, actor));
        }

        string? KnownName(int number, string? name) =>
            name is null || participants.Any(p => p.Name == name)
                ? name
                : throw new TranscriptFormatException(file, number, $"unknown participant '{name}' (declare it with @participant)");

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
                    case "participant": participants.Add(ParseParticipant(file, number, value, participants)); break;
                    case "moderators": moderatorChats.Add(ParseModeratorsChat(file, number, value)); break;
                    case "content" when value == "copy": ownContent = true; break;
                    case "content" when value.StartsWith("copy ", StringComparison.Ordinal):
                        ownContent = true;
                        contentFiles = ContentFilesFolder(file, number, value[5..].Trim());
                        break;
                    case "content": throw new TranscriptFormatException(file, number, "write @content copy, or @content copy FOLDER");
                    default: throw new TranscriptFormatException(file, number, $"unknown header '@{key}' (known: @locale, @user, @participant, @moderators, @content)");
                }
            }
            else if (SplitActor(trimmed) is var (who, turnLine) && turnLine.StartsWith('>'))
            {
                CloseTurn();
                actor = KnownName(number, who);
                current = turnLine.StartsWith(">^", StringComparison.Ordinal)
                    ? who is null
                        ? throw new TranscriptFormatException(file, number, "a reply (>^) needs a participant name: name>^ text")
                        : (number, TurnKind.ReplyText, turnLine[2..].Trim())
                    : ParseTurn(file, number, turnLine[1..].Trim());
                expectations = [];
            }
            else if (SplitActor(trimmed) is var (recipient, expectation) && expectation.StartsWith('<'))
            {
                if (current is null)
                    throw new TranscriptFormatException(file, number, "an expectation needs a user turn (> ...) before it");
                expectations!.Add(ParseExpectation(file, number, expectation) with { Recipient = KnownName(number, recipient) });
            }
            else
            {
                throw new TranscriptFormatException(file, number, $"unrecognized line '{Shorten(trimmed)}': lines start with #, @, > or <");
            }
        }
        CloseTurn();
        if (turns.Count == 0)
            throw new TranscriptFormatException(file, 1, "a transcript needs at least one user turn (> ...)");
        return new Transcript(file, locale, userId, turns, participants, moderatorChats) { OwnContent = ownContent, ContentFiles = contentFiles };
    }

    /// <summary>The folder of <c>@content copy FOLDER</c>, relative to the transcript's own folder; it must exist.</summary>
    private static string ContentFilesFolder(string file, int number, string folder)
    {
        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", folder));
        return Directory.Exists(path) ? path : throw new TranscriptFormatException(file, number, $"no folder '{folder}' beside the transcript for @content copy");
    }

    /// <summary><c>name&gt; ...</c> or <c>name&lt; ...</c> → (name, rest); a line without a name → (null, line).</summary>
    private static (string? Name, string Line) SplitActor(string line)
    {
        var match = ActorPrefix().Match(line);
        return match.Success ? (match.Groups[1].Value, line[match.Groups[1].Length..]) : (null, line);
    }

    /// <summary><c>@participant NAME CHANNEL USERID [locale=L] [chat=ID] [community=C] [moderator]</c></summary>
    private static Participant ParseParticipant(string file, int number, string value, List<Participant> known)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3 || !ActorPrefix().IsMatch(words[0] + ">"))
            throw new TranscriptFormatException(file, number, "write @participant NAME CHANNEL USERID [locale=ru] [chat=ID] [community=C] [moderator]");
        if (known.Any(p => p.Name == words[0]))
            throw new TranscriptFormatException(file, number, $"participant '{words[0]}' is declared twice");
        var options = Options(file, number, words.Skip(3), "locale", "chat", "community", "moderator");
        return new Participant(words[0], words[1], words[2], options.GetValueOrDefault("chat") ?? words[2],
            options.GetValueOrDefault("locale") ?? DefaultLocale, options.ContainsKey("moderator"),
            options.GetValueOrDefault("community") ?? HelpBot.Engine.Dialog.Turn.DefaultCommunity);
    }

    /// <summary><c>@moderators CHANNEL CHATID [language=L] [community=C]</c></summary>
    private static ModeratorsChat ParseModeratorsChat(string file, int number, string value)
    {
        var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
            throw new TranscriptFormatException(file, number, "write @moderators CHANNEL CHATID [language=ru] [community=C]");
        var options = Options(file, number, words.Skip(2), "language", "community");
        return new ModeratorsChat(words[0], words[1], options.GetValueOrDefault("language") ?? DefaultLocale,
            options.GetValueOrDefault("community") ?? HelpBot.Engine.Dialog.Turn.DefaultCommunity);
    }

    private static Dictionary<string, string?> Options(string file, int number, IEnumerable<string> words, params string[] allowed)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? word : word[..eq];
            if (Array.IndexOf(allowed, key) < 0)
                throw new TranscriptFormatException(file, number, $"unknown option '{key}' (allowed: {string.Join(", ", allowed)})");
            options[key] = eq < 0 ? null : word[(eq + 1)..];
        }
        return options;
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

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9_-]*)(?=[<>])")]
    private static partial Regex ActorPrefix();

    [GeneratedRegex(@"\[([^\]]+)\]")]
    private static partial Regex ButtonLabels();
}
