using System.Text.RegularExpressions;
using HelpBot.Engine.Dialog;

namespace HelpBot.Transcripts;

/// <summary>
/// Writes a live conversation down as a replayable transcript: each user turn, then the first line of
/// every bot message as an expectation, the buttons offered, or <c>&lt;#</c> for silence.
/// </summary>
public sealed partial class TranscriptRecorder(TextWriter writer) : IDisposable
{
    private bool _headerWritten;

    public void WriteHeader(string locale, string userId)
    {
        if (_headerWritten)
            return;
        writer.WriteLine("# Recorded by the console channel on " + DateTimeOffset.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteLine("@locale " + locale);
        writer.WriteLine("@user " + userId);
        _headerWritten = true;
    }

    public void Record(string userLine, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        writer.WriteLine("> " + userLine);
        if (reply.Messages.Count == 0)
            writer.WriteLine("<#");
        foreach (var message in reply.Messages)
        {
            var first = AnswerText.Normalize(Engine.Content.Markup.ToPlainText(message.Text).Split('\n')[0]);
            if (first.Length > 0)
            {
                // Question ids are random: record them as a pattern so the transcript replays.
                writer.WriteLine(QuestionId().IsMatch(first)
                    ? "</" + QuestionId().Replace(Regex.Escape(first), "Q[A-Z2-9]{5}") + "/"
                    : "< " + first);
            }
            if (message.Buttons.Count > 0)
                writer.WriteLine("<" + string.Concat(message.AllButtons.Select(b => "[" + b.Label + "]")));
        }
        writer.WriteLine();
        writer.Flush();
    }

    public void Dispose() => writer.Dispose();

    [GeneratedRegex(@"\bQ[A-Z2-9]{5}\b")]
    private static partial Regex QuestionId();
}
