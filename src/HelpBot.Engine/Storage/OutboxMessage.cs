using HelpBot.Engine.Dialog;

namespace HelpBot.Engine.Storage;

public enum OutboxPurpose
{
    /// <summary>A new question posted to the moderators.</summary>
    QuestionPosted,

    /// <summary>A moderator's answer on its way to the asker.</summary>
    AnswerDelivery,
}

/// <summary>
/// A message to a chat other than the one that caused it. Stored first, sent by the channel's delivery
/// loop, retried with backoff until sent: a restart in between loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public string Id { get; set; } = "";

    public string Channel { get; set; } = "";

    public string ChatId { get; set; } = "";

    /// <summary>For a user (not a group or channel): their id, so a channel can open a direct message.</summary>
    public string? RecipientUserId { get; set; }

    /// <summary>The <c>channel:userId</c> this message is about, so /forget removes undelivered answers too.</summary>
    public string UserKey { get; set; } = "";

    public string Community { get; set; } = Turn.DefaultCommunity;

    public OutboxPurpose Purpose { get; set; }

    public string QuestionId { get; set; } = "";

    public string Text { get; set; } = "";

    public List<OutboxButton> Buttons { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The channel's id of the sent message, to recognise replies to it.</summary>
    public string? ChannelMessageId { get; set; }

    public OutgoingMessage ToMessage()
    {
        var rows = Buttons.GroupBy(b => b.Row).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<Button>)g.Select(b => new Button(b.Label, b.Action)).ToArray())
            .ToArray();
        return new OutgoingMessage(Text, rows);
    }

    public static List<OutboxButton> ButtonsOf(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Buttons.SelectMany((row, index) => row.Select(b => new OutboxButton { Row = index, Label = b.Label, Action = b.Action })).ToList();
    }
}

public sealed class OutboxButton
{
    public int Row { get; set; }

    public string Label { get; set; } = "";

    public string Action { get; set; } = "";
}
