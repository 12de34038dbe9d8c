using HelpBot.Engine.Dialog;

namespace HelpBot.Engine.Storage;

public enum OutboxPurpose
{
    /// <summary>A new question posted to the moderators.</summary>
    QuestionPosted,

    /// <summary>A moderator's answer on its way to the asker.</summary>
    AnswerDelivery,

    /// <summary>A message of the bot's reply to a user's turn, stored with the turn so that it survives a crash.</summary>
    Reply,
}

/// <summary>
/// A message waiting to be sent to a chat. Stored in the same transaction as what caused it, sent by a delivery loop
/// (in <see cref="Sequence"/> order per chat, one sender per chat at a time: see <see cref="IOutboxStore"/>),
/// retried with backoff until sent or expired: a restart in between loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public string Id { get; set; } = "";

    /// <summary>Assigned by the store when it is written: increases with every message, so a chat's messages go out in this order.</summary>
    public long Sequence { get; set; }

    public string Channel { get; set; } = "";

    /// <summary>The chat the message goes to; with <see cref="Channel"/> it names the ordered queue the message is in.</summary>
    public string ChatId { get; set; } = "";

    /// <summary>For a user (not a group or channel): their id, so a channel can open a direct message.</summary>
    public string? RecipientUserId { get; set; }

    /// <summary>The <c>channel:userId</c> this message is about, so /forget removes undelivered answers too.</summary>
    public string UserKey { get; set; } = "";

    public string Community { get; set; } = Turn.DefaultCommunity;

    public OutboxPurpose Purpose { get; set; }

    /// <summary>The question a <see cref="OutboxPurpose.QuestionPosted"/> or <see cref="OutboxPurpose.AnswerDelivery"/> is about; empty for a reply.</summary>
    public string QuestionId { get; set; } = "";

    public string Text { get; set; } = "";

    public List<OutboxButton> Buttons { get; set; } = [];

    public List<OutboxAttachment> Attachments { get; set; } = [];

    // Where in the chat a reply goes, in the channel's own ids (see Dialog.ReplyRoute); null for a plain new message.

    /// <summary>A forum topic or thread inside the chat.</summary>
    public string? ThreadId { get; set; }

    /// <summary>The user's message to quote (groups), so the reply shows what it answers.</summary>
    public string? QuoteMessageId { get; set; }

    /// <summary>The bot's message to replace (walkthrough navigation); a channel that cannot edit it sends anew.</summary>
    public string? EditMessageId { get; set; }

    /// <summary>A channel's short-lived handle for answering the turn (Discord: the interaction token); treat it as a secret.</summary>
    public string? ReplyHandle { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Sends started; the sender counts them and the store keeps the count when a try fails.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Set when delivery was given up (deadline passed, or the channel refused it for good); the chat's next message then goes.</summary>
    public DateTimeOffset? ExpiredAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The channel's id of the sent message, to recognise replies to it.</summary>
    public string? ChannelMessageId { get; set; }

    /// <summary>Neither sent nor given up.</summary>
    public bool IsPending => DeliveredAt is null && ExpiredAt is null;

    public OutgoingMessage ToMessage()
    {
        var rows = Buttons.GroupBy(b => b.Row).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<Button>)g.Select(b => new Button(b.Label, b.Action)).ToArray())
            .ToArray();
        return new OutgoingMessage(Text, rows) { Attachments = Attachments.Select(a => new Attachment(a.FileName, a.ContentType, a.Data)).ToArray() };
    }

    public static List<OutboxButton> ButtonsOf(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Buttons.SelectMany((row, index) => row.Select(b => new OutboxButton { Row = index, Label = b.Label, Action = b.Action })).ToList();
    }

    public static List<OutboxAttachment> AttachmentsOf(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Attachments.Select(a => new OutboxAttachment { FileName = a.FileName, ContentType = a.ContentType, Data = a.Data }).ToList();
    }

    /// <summary>A copy, so a store can hand out messages without callers changing what it holds.</summary>
    public OutboxMessage Clone()
    {
        var copy = (OutboxMessage)MemberwiseClone();
        copy.Buttons = [.. Buttons];
        copy.Attachments = [.. Attachments];
        return copy;
    }
}

public sealed class OutboxButton
{
    public int Row { get; set; }

    public string Label { get; set; } = "";

    public string Action { get; set; } = "";
}

/// <summary>A file sent with an outbox message (a /stats chart, an /export CSV).</summary>
public sealed class OutboxAttachment
{
    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public byte[] Data { get; set; } = [];
}
