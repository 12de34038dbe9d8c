using System.Text;

namespace HelpBot.Engine.Content;

/// <summary>
/// The engine's light formatting: <c>**bold**</c>, <c>`code`</c> and a backslash escape.
/// Channels render spans their own way (Telegram HTML, Discord Markdown, plain console).
/// </summary>
public static class Markup
{
    public enum Style { Plain, Bold, Code }

    public readonly record struct Span(string Text, Style Style);

    /// <summary>Escapes user-supplied text so it is shown literally.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('*', '`', '\\') < 0)
            return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '*' or '`' or '\\')
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    public static string Bold(string text) => "**" + Escape(text) + "**";

    public static string Code(string text) => "`" + Escape(text) + "`";

    public static bool IsBalanced(string text)
    {
        var bold = false;
        var code = false;
        Walk(text, (_, style) => { }, ref bold, ref code);
        return !bold && !code;
    }

    public static IReadOnlyList<Span> Parse(string text)
    {
        var spans = new List<Span>();
        var bold = false;
        var code = false;
        Walk(text, (chunk, style) => spans.Add(new Span(chunk, style)), ref bold, ref code);
        return spans;
    }

    public static string ToPlainText(string text)
    {
        if (text.AsSpan().IndexOfAny('*', '`', '\\') < 0)
            return text;
        var builder = new StringBuilder(text.Length);
        foreach (var span in Parse(text))
            builder.Append(span.Text);
        return builder.ToString();
    }

    private static void Walk(string text, Action<string, Style> emit, ref bool bold, ref bool code)
    {
        var current = new StringBuilder();
        var currentBold = bold;
        var currentCode = code;

        void Flush(bool isBold, bool isCode)
        {
            if (current.Length == 0)
                return;
            emit(current.ToString(), isCode ? Style.Code : isBold ? Style.Bold : Style.Plain);
            current.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
            }
            else if (c == '`')
            {
                Flush(currentBold, currentCode);
                currentCode = !currentCode;
            }
            else if (c == '*' && !currentCode && i + 1 < text.Length && text[i + 1] == '*')
            {
                Flush(currentBold, currentCode);
                currentBold = !currentBold;
                i++;
            }
            else
            {
                current.Append(c);
            }
        }
        Flush(currentBold, currentCode);
        bold = currentBold;
        code = currentCode;
    }
}
