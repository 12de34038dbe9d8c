using System.Text;
using System.Text.RegularExpressions;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;

namespace HelpBot.Transcripts;

/// <summary>The bot's answer as transcripts compare it: formatting stripped, messages joined, whitespace folded.</summary>
public static partial class AnswerText
{
    public static string Of(IEnumerable<OutgoingMessage> messages) =>
        Normalize(string.Join("\n", messages.Select(m => Markup.ToPlainText(m.Text))));

    /// <summary>Strips HTML tags (for channel-rendered text) and folds every run of whitespace into one space.</summary>
    public static string Normalize(string text) =>
        Whitespace().Replace(HtmlTag().Replace(text ?? "", ""), " ").Trim();

    public static bool Contains(string answer, string fragment) =>
        answer.Contains(Normalize(fragment), StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"</?[a-zA-Z][^<>]*>")]
    private static partial Regex HtmlTag();
}
