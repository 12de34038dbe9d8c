using HelpBot.Engine.Content;

namespace HelpBot.Channels.Telegram.Rendering;

/// <summary>
/// Cuts formatted text into pieces Telegram accepts (at most 4096 characters of visible text each),
/// preferring paragraph, then line, then word boundaries, and never cutting inside a tag.
/// </summary>
internal static class MessageSplitter
{
    public const int MaxLength = 4096;

    public static IReadOnlyList<IReadOnlyList<Markup.Span>> Split(IReadOnlyList<Markup.Span> spans, int maxLength = MaxLength)
    {
        var pieces = new List<IReadOnlyList<Markup.Span>>();
        var current = new List<Markup.Span>();
        var length = 0;
        foreach (var span in spans)
        {
            var text = span.Text;
            while (length + text.Length > maxLength)
            {
                var room = maxLength - length;
                var cut = CutPoint(text, room, allowNothing: current.Count > 0);
                if (cut > 0)
                    current.Add(span with { Text = text[..cut].TrimEnd() });
                pieces.Add(current);
                current = [];
                length = 0;
                text = text[cut..].TrimStart();
            }
            if (text.Length > 0)
            {
                current.Add(span with { Text = text });
                length += text.Length;
            }
        }
        if (current.Count > 0 || pieces.Count == 0)
            pieces.Add(current);
        return pieces;
    }

    /// <summary>Where to cut within the first <paramref name="room"/> characters; 0 means "start a new piece before this span".</summary>
    private static int CutPoint(string text, int room, bool allowNothing)
    {
        var window = text.AsSpan(0, room);
        foreach (var separator in (ReadOnlySpan<string>)["\n\n", "\n", " "])
        {
            var at = window.LastIndexOf(separator);
            if (at > 0)
                return at;
        }
        if (allowNothing)
            return 0;
        // One unbroken run longer than a message: cut hard, but not between the halves of a surrogate pair.
        return char.IsHighSurrogate(text[room - 1]) ? room - 1 : room;
    }
}
