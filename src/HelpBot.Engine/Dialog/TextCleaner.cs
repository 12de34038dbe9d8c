using System.Globalization;
using System.Text;

namespace HelpBot.Engine.Dialog;

/// <summary>Makes user text safe to store and echo: control characters and lone surrogates removed, trimmed.</summary>
internal static class TextCleaner
{
    public static string Clean(string text)
    {
        if (IsClean(text))
            return text.Trim();
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                continue;
            }
            else if (c is '\n' or '\t')
            {
                builder.Append(c);
            }
            else if (c == '\r')
            {
                continue;
            }
            else if (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format || c == '\u200D')
            {
                // Zero-width joiner stays: it glues emoji sequences together.
                builder.Append(c);
            }
        }
        return builder.ToString().Trim();
    }

    private static bool IsClean(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c > '\u007F' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                return false;
        }
        return true;
    }
}
