using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;

namespace HelpBot.Channels.Discord.Rendering;

/// <summary>
/// An engine reply as Discord messages: text as markdown cut to Discord's 2000 characters (nothing dropped),
/// buttons as action rows under the last piece, <c>custom_id</c> = the engine's action id, mentions off;
/// files (charts, CSV exports) in a message of their own after the text. Flags are left to the caller: a response, a follow-up and an edit each allow different ones.
/// </summary>
internal static class ReplyRenderer
{
    public const int MaxContentLength = 2000;
    public const int MaxRows = 5;
    public const int MaxButtonsPerRow = 5;
    public const int MaxLabelLength = 80;
    public const int MaxCustomIdLength = 100;
    public const int MaxFilesPerMessage = 10;

    public static IReadOnlyList<MessagePayload> Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var messages = new List<MessagePayload>(reply.Messages.Count);
        foreach (var message in reply.Messages)
        {
            var pieces = MessageSplitter.Split(Markup.Parse(message.Text), MaxContentLength, piece => DiscordMarkdown.Render(piece).Length)
                .Select(piece => DiscordMarkdown.Render(piece).Trim())
                .Where(piece => piece.Length > 0)
                .ToArray();
            var rows = ActionRows(message.Buttons);
            if (pieces.Length == 0 && rows.Count > 0)
                messages.Add(new MessagePayload(null, rows));
            for (var i = 0; i < pieces.Length; i++)
                messages.Add(new MessagePayload(pieces[i], i == pieces.Length - 1 ? rows : []));
            messages.AddRange(message.Attachments.Chunk(MaxFilesPerMessage).Select(files => new MessagePayload(null, null)
            {
                Attachments = files.Select((file, index) => new AttachmentPayload(index.ToString(System.Globalization.CultureInfo.InvariantCulture), file.FileName)).ToArray(),
                Files = files,
            }));
        }
        return messages;
    }

    /// <summary>
    /// Discord refuses a whole message for one bad button, so buttons it would refuse are left out:
    /// a repeated <c>custom_id</c>, one over 100 characters, rows past the fifth. Long rows wrap, long labels are shortened.
    /// </summary>
    public static IReadOnlyList<ActionRowComponent> ActionRows(IReadOnlyList<IReadOnlyList<Button>> buttons)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<ActionRowComponent>();
        foreach (var row in buttons)
        {
            var usable = row
                .Where(b => b.Action.Length is > 0 and <= MaxCustomIdLength && b.Label.Length > 0 && seen.Add(b.Action))
                .Select(b => new ButtonComponent(Shorten(b.Label, MaxLabelLength), b.Action));
            rows.AddRange(usable.Chunk(MaxButtonsPerRow).Select(chunk => new ActionRowComponent(chunk)));
        }
        return rows.Count > MaxRows ? rows[..MaxRows] : rows;
    }

    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
            return text;
        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
            cut--;
        return text[..cut] + "…";
    }
}
