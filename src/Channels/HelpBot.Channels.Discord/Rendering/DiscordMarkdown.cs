using System.Text;
using HelpBot.Engine.Content;

namespace HelpBot.Channels.Discord.Rendering;

/// <summary>
/// The engine's light markup as Discord markdown: bold and code map directly, and everything else is escaped
/// so that a user's <c>*</c>, <c>_</c>, <c>~</c>, <c>|</c>, <c>&lt;@id&gt;</c> or a leading <c>#</c> shows as typed.
/// </summary>
internal static class DiscordMarkdown
{
    // Discord (simple-markdown) drops a backslash before any ASCII punctuation, so escaping more than needed is harmless.
    private const string AlwaysEscaped = "\\*_~`|<>[]";
    private const string EscapedAtLineStart = "#->";

    public static string Render(string markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        return Render(Markup.Parse(markup));
    }

    public static string Render(IReadOnlyList<Markup.Span> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var builder = new StringBuilder(spans.Sum(s => s.Text.Length) + 16);
        foreach (var span in spans)
        {
            switch (span.Style)
            {
                case Markup.Style.Bold:
                    builder.Append("**");
                    AppendEscaped(builder, span.Text);
                    builder.Append("**");
                    break;
                case Markup.Style.Code:
                    AppendCode(builder, span.Text);
                    break;
                default:
                    AppendEscaped(builder, span.Text);
                    break;
            }
        }
        return builder.ToString();
    }

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        AppendEscaped(builder, text);
        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            var lineStart = builder.Length == 0 || builder[^1] == '\n';
            if (AlwaysEscaped.Contains(c) || lineStart && EscapedAtLineStart.Contains(c))
                builder.Append('\\');
            builder.Append(c);
        }
    }

    private static void AppendCode(StringBuilder builder, string text)
    {
        if (text.Length == 0)
            return;
        // Inside a code span nothing is parsed; a backtick in the text needs the double-backtick form.
        if (text.Contains('`'))
            builder.Append("`` ").Append(text.Replace("``", "` `", StringComparison.Ordinal)).Append(" ``");
        else
            builder.Append('`').Append(text).Append('`');
    }
}
