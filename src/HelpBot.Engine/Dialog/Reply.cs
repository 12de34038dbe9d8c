namespace HelpBot.Engine.Dialog;

/// <summary>A button: what the user sees and the opaque action id (at most 64 UTF-8 bytes) it sends back.</summary>
public sealed record Button(string Label, string Action);

/// <summary>A file sent with a message: a chart, a CSV export.</summary>
public sealed record Attachment(string FileName, string ContentType, byte[] Data);

/// <summary>One message with light formatting (see <see cref="Content.Markup"/>), rows of buttons and optional files.</summary>
public sealed record OutgoingMessage(string Text, IReadOnlyList<IReadOnlyList<Button>> Buttons)
{
    public static readonly IReadOnlyList<IReadOnlyList<Button>> NoButtons = [];

    public OutgoingMessage(string text) : this(text, NoButtons) { }

    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    public IEnumerable<Button> AllButtons => Buttons.SelectMany(row => row);
}

/// <summary>
/// Everything the bot answers to one turn, in order. <see cref="EditInPlace"/> tells channels that can
/// edit the message whose button was pressed (walkthrough navigation) to do so instead of posting anew.
/// </summary>
public sealed record Reply(IReadOnlyList<OutgoingMessage> Messages, bool EditInPlace = false)
{
    public static readonly Reply Empty = new([]);

    /// <summary>The guide section this reply shows, if it shows one: the user's next free text is read in its light.</summary>
    public Understanding.Topic? Shows { get; init; }

    /// <summary>A form the bot would take the user's next text in, for channels where users cannot just type it.</summary>
    public FormOffer? OffersForm { get; init; }

    /// <summary>How many further messages were stored in the outbox with the turn (see <see cref="Turn.ReplyRoute"/>); the channel's sender delivers them.</summary>
    public int Queued { get; init; }

    public Reply(OutgoingMessage message, bool editInPlace = false) : this([message], editInPlace) { }
}
