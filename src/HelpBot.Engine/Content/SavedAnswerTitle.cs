namespace HelpBot.Engine.Content;

/// <summary>A saved answer's title: by default the question it answers, made fit to label a button; unique in its language.</summary>
public static class SavedAnswerTitle
{
    /// <summary>How titles are told apart: titles label buttons, so two that differ only in case are one title.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>The saved answer other than <paramref name="id"/> that already has <paramref name="title"/>, if any.</summary>
    public static SavedAnswer? TakenBy(IEnumerable<SavedAnswer> answers, string id, string title) =>
        answers.FirstOrDefault(a => a.Id != id && Comparer.Equals(a.Title, title));

    /// <summary>Longest title: it labels a button (Discord allows 80 characters; longer wraps badly in Telegram).</summary>
    public const int MaxLength = 64;

    /// <summary>The question on one line without formatting marks, cut at a word before <see cref="MaxLength"/> with "…".</summary>
    public static string From(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var line = string.Join(' ', question.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= MaxLength)
            return line;
        var cut = line.LastIndexOf(' ', MaxLength - 2);
        return line[..(cut > MaxLength / 2 ? cut : MaxLength - 1)].TrimEnd(' ', ',', '.', ';', ':') + "…";
    }
}
