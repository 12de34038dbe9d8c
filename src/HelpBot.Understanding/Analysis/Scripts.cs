namespace HelpBot.Understanding.Analysis;

/// <summary>Which alphabet a character belongs to, for the two languages the guides are written in.</summary>
internal static class Scripts
{
    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    public static bool IsLatin(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    public static bool HasCyrillic(string text) => text.AsSpan().IndexOfAnyInRange('\u0400', '\u04FF') >= 0;

    public static bool HasLatin(string text) => text.AsSpan().IndexOfAnyInRange('a', 'z') >= 0 || text.AsSpan().IndexOfAnyInRange('A', 'Z') >= 0;
}
