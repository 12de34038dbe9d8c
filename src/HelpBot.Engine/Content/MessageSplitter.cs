namespace HelpBot.Engine.Content;

/// <summary>
/// Cuts formatted text into pieces a channel accepts, preferring paragraph, then line, then word boundaries; a bold
/// or code run cut in two stays bold or code on both sides, and no text is lost (only whitespace at the cuts).
/// Each channel gives its limit and how it measures a piece: Telegram counts visible characters, Discord its markdown.
/// </summary>
public static class MessageSplitter
{
    /// <param name="measure">The length of a piece as the channel counts it; by default its visible characters.</param>
    public static IReadOnlyList<IReadOnlyList<Markup.Span>> Split(IReadOnlyList<Markup.Span> spans, int limit, Func<IReadOnlyList<Markup.Span>, int>? measure = null)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        measure ??= VisibleLength;
        var text = string.Concat(spans.Select(s => s.Text));
        if (measure(spans) <= limit)
            return [spans];

        var pieces = new List<IReadOnlyList<Markup.Span>>();
        var start = 0;
        while (start < text.Length)
        {
            // The window of visible text; shrunk by the overflow when the channel's measure of the piece is longer.
            var window = Math.Min(limit, text.Length - start);
            int end;
            List<Markup.Span> piece;
            while (true)
            {
                end = text.Length - start <= window ? text.Length : start + CutPoint(text.AsSpan(start, window));
                piece = Slice(spans, start, end);
                var overflow = measure(piece) - limit;
                if (overflow <= 0 || window <= 2)
                    break;
                window = Math.Max(2, window - overflow);
            }
            if (piece.Count > 0)
                pieces.Add(piece);
            start = end;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
                start++;
        }
        return pieces;
    }

    private static int VisibleLength(IReadOnlyList<Markup.Span> spans) => spans.Sum(s => s.Text.Length);

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
