using System.Text;
using HelpBot.Engine.Content;

namespace HelpBot.Channels.Discord.Rendering;

/// <summary>
/// Cuts a long message into Discord messages of at most <c>limit</c> characters without losing text:
/// between paragraphs if possible, else between lines, else inside a line (that piece loses its formatting).
/// Each piece is rendered on its own, so bold and code never leak from one message into the next.
/// </summary>
internal static class MessageSplitter
{
    public static IReadOnlyList<string> Split(string markup, int limit)
    {
        ArgumentNullException.ThrowIfNull(markup);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 16);
        var whole = DiscordMarkdown.Render(markup).Trim();
        if (whole.Length <= limit)
            return whole.Length == 0 ? [] : [whole];
        var pieces = new List<string>();
        Pack(markup.Split("\n\n"), "\n\n", limit, pieces);
        return pieces;
    }

    private static void Pack(string[] parts, string separator, int limit, List<string> pieces)
    {
        string? current = null;
        foreach (var part in parts)
        {
            var candidate = current is null ? part : current + separator + part;
            if (Fits(candidate, limit))
            {
                current = candidate;
                continue;
            }
            Flush(current, pieces);
            current = null;
            if (Fits(part, limit))
                current = part;
            else if (separator == "\n\n")
                Pack(part.Split('\n'), "\n", limit, pieces);
            else
                HardSplit(part, limit, pieces);
        }
        Flush(current, pieces);
    }

    private static bool Fits(string markup, int limit) => DiscordMarkdown.Render(markup).Trim().Length <= limit;

    private static void Flush(string? markup, List<string> pieces)
    {
        if (markup is null)
            return;
        var rendered = DiscordMarkdown.Render(markup).Trim();
        if (rendered.Length > 0)
            pieces.Add(rendered);
    }

    /// <summary>One line longer than a message: plain text, escaped, cut between characters (never inside a surrogate pair or an escape).</summary>
    private static void HardSplit(string markup, int limit, List<string> pieces)
    {
        var piece = new StringBuilder(limit);
        var plain = Markup.ToPlainText(markup);
        for (var i = 0; i < plain.Length; i++)
        {
            var unit = char.IsHighSurrogate(plain[i]) && i + 1 < plain.Length ? plain.Substring(i++, 2) : plain[i].ToString();
            var escaped = DiscordMarkdown.Escape(unit);
            if (piece.Length + escaped.Length > limit)
            {
                pieces.Add(piece.ToString());
                piece.Clear();
            }
            piece.Append(escaped);
        }
        if (piece.ToString().Trim().Length > 0)
            pieces.Add(piece.ToString().Trim());
    }
}
