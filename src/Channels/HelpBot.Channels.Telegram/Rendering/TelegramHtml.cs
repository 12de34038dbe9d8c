using System.Text;
using HelpBot.Engine.Content;

namespace HelpBot.Channels.Telegram.Rendering;

/// <summary>
/// The engine's <see cref="Markup"/> as Telegram HTML (parse_mode HTML): <c>**bold**</c> → <c>&lt;b&gt;</c>,
/// <c>`code`</c> → <c>&lt;code&gt;</c> (tap to copy), and every other character escaped so text can never open a tag.
/// </summary>
internal static class TelegramHtml
{
    public static string Render(IEnumerable<Markup.Span> spans)
    {
        var html = new StringBuilder();
        foreach (var span in spans)
        {
            var tag = span.Style switch
            {
                Markup.Style.Bold => "b",
                Markup.Style.Code => "code",
                _ => null,
            };
            if (tag is not null)
                html.Append('<').Append(tag).Append('>');
            AppendEscaped(html, span.Text);
            if (tag is not null)
                html.Append("</").Append(tag).Append('>');
        }
        return html.ToString();
    }

    /// <summary>Telegram's HTML needs only these three escaped; quotes matter inside attributes, which are never written.</summary>
    public static void AppendEscaped(StringBuilder html, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '&' => html.Append("&amp;"),
                _ => html.Append(c),
            };
        }
    }
}
