namespace HelpBot.Engine.Content;

/// <summary>
/// Reads <c>context.txt</c>: sentences about a person's situation that say nothing about what they ask ("My son set
/// this up for me years ago."), one a line; blank lines and <c>#</c> comments are skipped. The reader's training puts
/// some of them before labelled messages, so a long message's story does not pull its question elsewhere.
/// </summary>
public static class ContextFile
{
    public const string Name = "context.txt";

    /// <summary>Longest sentence: one sentence of a story, not a story.</summary>
    public const int MaxSentenceLength = 300;

    public static IReadOnlyList<string> Read(string path, List<ContentError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var sentences = new List<string>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var text = File.ReadAllLines(path);
        for (var i = 0; i < text.Length; i++)
        {
            var sentence = text[i].Trim();
            if (sentence.Length == 0 || sentence.StartsWith('#'))
                continue;
            if (sentence.Length > MaxSentenceLength || sentence.Any(char.IsControl))
                errors.Add(new ContentError(path, i + 1, 1, $"a context sentence must be at most {MaxSentenceLength} characters without tabs or control characters"));
            else if (!lines.TryAdd(sentence, i + 1))
                errors.Add(new ContentError(path, i + 1, 1, $"the same sentence is on line {lines[sentence]}"));
            else
                sentences.Add(sentence);
        }
        return sentences;
    }
}
