using HelpBot.Engine.Understanding;

namespace HelpBot.Engine.Content;

/// <summary>
/// Reads and appends a guide's labelled messages, <c>&lt;guide&gt;.examples.tsv</c>: a line is
/// <c>language TAB label TAB kind TAB message</c>, the evaluation files' format, with <c>none</c> as the label of an
/// off-topic message; blank lines and <c>#</c> comments are skipped. Every error names the file and line.
/// </summary>
public static class ExamplesFile
{
    /// <summary>Longest message kept as an example: a chat message, not a document.</summary>
    public const int MaxMessageLength = 1000;

    public const string Format = "language<TAB>label<TAB>kind<TAB>message";

    public static IReadOnlyList<LabelledExample> Read(string path, string language, Guide guide, IReadOnlySet<string> smallTalk, List<ContentError> errors)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(errors);
        var sections = TopicNames.All(guide).ToHashSet();
        var examples = new List<LabelledExample>();
        var labels = new Dictionary<string, (Topic? Label, int Line)>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path);
        var set = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            void Error(string message) => errors.Add(new ContentError(path, i + 1, 1, message));
            if (line.Length == 0 || line.StartsWith('#'))
            {
                set = SetName(line) ?? set;
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length != 4)
            {
                Error($"expected 4 fields '{Format}', found {fields.Length}");
                continue;
            }
            var (lang, labelName, kind, text) = (fields[0], fields[1], fields[2], fields[3].Trim());
            if (lang != language)
                Error($"language '{lang}' in the folder of '{language}': examples are kept with their language");
            else if (!IsLabel(labelName, guide.Id, sections, smallTalk, out var label))
                Error($"unknown label '{labelName}': use {TopicNames.OffTopic}, a section of '{guide.Id}' such as 'overview' or 'step:{(guide.Steps.Count > 0 ? guide.Steps[0].Id : "ID")}', or smalltalk:ID from smalltalk.yaml");
            else if (kind.Length == 0 || !kind.All(c => char.IsAsciiLetterLower(c) || c == '-'))
                Error($"kind '{kind}' must be one lower-case word such as paraphrase, situation, option, typo, layout, translit, offtopic");
            else if (text.Length == 0 || text.Length > MaxMessageLength || text.Any(char.IsControl))
                Error($"the message must be 1 to {MaxMessageLength} characters without control characters");
            else if (labels.TryGetValue(Key(text), out var earlier) && earlier.Label != label)
                Error($"the same message is labelled '{TopicNameOrNone(earlier.Label, guide.Id)}' on line {earlier.Line}: one message, one label");
            else
            {
                labels.TryAdd(Key(text), (label, i + 1));
                examples.Add(new LabelledExample(label, kind, text, i + 1) { Set = set });
            }
        }
        return examples;
    }

    /// <summary>A line of the file for a labelled message (tabs and line breaks in it become spaces).</summary>
    public static string Line(string language, string label, string kind, string message) =>
        string.Join('\t', language, label, kind, string.Join(' ', message.Split(['\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim());

    /// <summary>
    /// The name a comment opens a set of lines with (<c># holdout14: written blind…</c>): one word of letters, digits
    /// and '-' followed by a colon and a space; null for any other comment.
    /// </summary>
    internal static string? SetName(string comment)
    {
        var colon = comment.IndexOf(':', StringComparison.Ordinal);
        if (!comment.StartsWith("# ", StringComparison.Ordinal) || colon <= 2 || !comment.AsSpan(colon).StartsWith(": ", StringComparison.Ordinal))
            return null;
        var name = comment[2..colon];
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? name : null;
    }

    /// <summary>Messages that differ only in case or spacing are one example.</summary>
    public static string Key(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join(' ', message.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static bool IsLabel(string name, string guideId, HashSet<Topic> sections, IReadOnlySet<string> smallTalk, out Topic? label)
    {
        label = null;
        if (name == TopicNames.OffTopic)
            return true;
        if (!TopicNames.TryParse(name, guideId, out var topic))
            return false;
        label = topic;
        return topic.Kind == TopicKind.SmallTalk ? smallTalk.Contains(topic.Id!) : sections.Contains(topic);
    }

    private static string TopicNameOrNone(Topic? topic, string guideId) => topic is { } t ? TopicNames.Format(t, guideId) : TopicNames.OffTopic;
}
