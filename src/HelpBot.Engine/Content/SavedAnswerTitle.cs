namespace HelpBot.Engine.Content;

/// <summary>A saved answer's default title: the question it answers, made fit to label a button.</summary>
public static class SavedAnswerTitle
{
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
