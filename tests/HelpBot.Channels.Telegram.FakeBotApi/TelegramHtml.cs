using System.Globalization;
using System.Text;

namespace HelpBot.Channels.Telegram.FakeBotApi;

/// <summary>
/// Reads text sent with parse_mode HTML the way Telegram does: only its tags, only its entities, properly nested.
/// Gives the visible text (what the 1-4096 limit counts) or the reason Telegram would answer "can't parse entities".
/// </summary>
public static class TelegramHtml
{
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote",
    };

    public static bool TryParse(string html, out string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(html);
        var visible = new StringBuilder(html.Length);
        var open = new Stack<string>();
        text = "";
        error = null;
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0)
                {
                    error = $"unclosed '<' at {i}";
                    return false;
                }
                var inside = html[(i + 1)..end];
                var closing = inside.StartsWith('/');
                var name = (closing ? inside[1..] : inside).Split(' ', 2)[0];
                if (!Tags.Contains(name))
                {
                    error = $"unsupported start tag \"{name}\" at byte offset {i}";
                    return false;
                }
                if (closing)
                {
                    if (open.Count == 0 || open.Pop() != name)
                    {
                        error = $"unmatched end tag \"{name}\" at {i}";
                        return false;
                    }
                }
                else
                {
                    open.Push(name);
                }
                i = end;
            }
            else if (c == '&')
            {
                var end = html.IndexOf(';', i);
                var entity = end < 0 ? "" : html[(i + 1)..end];
                var decoded = entity switch
                {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    _ when entity.StartsWith("#x", StringComparison.OrdinalIgnoreCase) && int.TryParse(entity[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) => char.ConvertFromUtf32(hex),
                    _ when entity.StartsWith('#') && int.TryParse(entity[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) => char.ConvertFromUtf32(number),
                    _ => null,
                };
                if (decoded is null)
                {
                    error = $"unsupported entity at {i}";
                    return false;
                }
                visible.Append(decoded);
                i = end;
            }
            else if (c == '>')
            {
                // Telegram tolerates a bare '>', but the bot's renderer escapes it; a bare one means text slipped through unescaped.
                error = $"unescaped '>' at {i}";
                return false;
            }
            else
            {
                visible.Append(c);
            }
        }
        if (open.Count > 0)
        {
            error = $"unclosed tag \"{open.Peek()}\"";
            return false;
        }
        text = visible.ToString();
        return true;
    }
}
