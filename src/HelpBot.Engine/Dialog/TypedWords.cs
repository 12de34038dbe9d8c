using System.Collections.Frozen;
using System.Text;

namespace HelpBot.Engine.Dialog;

/// <summary>
/// Words a user types instead of pressing a walkthrough button ("дальше", "назад"), from <c>bot.yaml</c>'s
/// <c>typed_next</c> and <c>typed_back</c>: alternatives separated by <c>|</c>, compared ignoring case, ё/е,
/// punctuation and emoji ("Дальше!" is "дальше").
/// </summary>
internal static class TypedWords
{
    public const char Separator = '|';

    public static FrozenSet<string> Parse(string alternatives) =>
        alternatives.Split(Separator).Select(Normalize).Where(w => w.Length > 0).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether an alternative has nothing to compare ("дальше||назад", "next|!"): content that is surely a typo.</summary>
    public static bool HasEmptyAlternative(string alternatives) =>
        alternatives.Split(Separator).Any(w => Normalize(w).Length == 0);

    private static readonly System.Buffers.SearchValues<char> ClauseBreaks = System.Buffers.SearchValues.Create(",.!?;:…—–\n");

    /// <summary>
    /// The clauses of a message, split at punctuation and empty ones dropped, as typed and <see cref="Normalize">normalized</see>,
    /// each with whether it ends in a question mark: "ок, нашёл, что дальше?" is "ок", "нашёл" and "что дальше" (a question).
    /// </summary>
    public static IReadOnlyList<(string Text, string Typed, bool IsQuestion)> Clauses(string text)
    {
        var clauses = new List<(string, string, bool)>();
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOfAny(ClauseBreaks);
            var clause = (end < 0 ? rest : rest[..end]).Trim().ToString();
            if (Normalize(clause) is { Length: > 0 } typed)
                clauses.Add((clause, typed, end >= 0 && rest[end] == '?'));
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return clauses;
    }

    /// <summary>Lower case, ё as е, letters and digits only, words separated by one space.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
                builder.Append(c == 'ё' || c == 'Ё' ? 'е' : char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != ' ')
                builder.Append(' ');
        }
        return builder.ToString().TrimEnd();
    }
}
