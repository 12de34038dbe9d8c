using HelpBot.Engine.Content;

namespace HelpBot.Channels.Telegram.Rendering;

/// <summary>
/// Cuts formatted text into pieces Telegram accepts (at most 4096 characters of visible text each),
/// preferring paragraph, then line, then word boundaries; a bold or code run cut in two stays bold or code on both sides.
/// </summary>
internal static class MessageSplitter
{
    public const int MaxLength = 4096;

    public static IReadOnlyList<IReadOnlyList<Markup.Span>> Split(IReadOnlyList<Markup.Span> spans, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var text = string.Concat(spans.Select(s => s.Text));
        if (text.Length <= maxLength)
            return [spans];

        var pieces = new List<IReadOnlyList<Markup.Span>>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.Length - start <= maxLength ? text.Length : start + CutPoint(text.AsSpan(start, maxLength));
            var piece = Slice(spans, start, end);
            if (piece.Count > 0)
                pieces.Add(piece);
            start = end;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
                start++;
        }
        return pieces;
    }

    /// <summary>Where to end a piece within <paramref name="window"/>: after the last paragraph, line or word that fits.</summary>
    private static int CutPoint(ReadOnlySpan<char> window)
    {
        foreach (var separator in (ReadOnlySpan<string>)["\n\n", "\n", " "])
        {
            var at = window.LastIndexOf(separator);
            if (at > 0)
                return at;
        }
        // One unbroken run longer than a message: cut hard, but not between the halves of a surrogate pair.
        return char.IsHighSurrogate(window[^1]) ? window.Length - 1 : window.Length;
    }

    /// <summary>The spans covering visible characters [<paramref name="from"/>, <paramref name="to"/>), trailing whitespace dropped.</summary>
    private static List<Markup.Span> Slice(IReadOnlyList<Markup.Span> spans, int from, int to)
    {
        var result = new List<Markup.Span>();
        var offset = 0;
        foreach (var span in spans)
        {
            var spanStart = offset;
            var spanEnd = offset + span.Text.Length;
            offset = spanEnd;
            var a = Math.Max(from, spanStart);
            var b = Math.Min(to, spanEnd);
            if (a < b)
                result.Add(span with { Text = span.Text[(a - spanStart)..(b - spanStart)] });
        }
        while (result.Count > 0 && result[^1].Text.TrimEnd() is var trimmed && trimmed.Length != result[^1].Text.Length)
        {
            if (trimmed.Length == 0)
                result.RemoveAt(result.Count - 1);
            else
                result[^1] = result[^1] with { Text = trimmed };
        }
        return result;
    }
}
