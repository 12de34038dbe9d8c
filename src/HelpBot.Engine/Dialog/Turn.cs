namespace HelpBot.Engine.Dialog;

/// <summary>
/// One thing a user did in a channel: sent a text (commands included), pressed a button, gave a command with named
/// arguments, or filled in a form. One of <see cref="Text"/>, <see cref="Action"/> and <see cref="Command"/> is set;
/// a form's text comes in <see cref="Text"/> with its <see cref="Form"/>.
/// </summary>
public sealed record Turn
{
    /// <summary>Channel name such as <c>telegram</c>, <c>discord</c>, <c>console</c>; part of the user's identity.</summary>
    public required string Channel { get; init; }

    public required string UserId { get; init; }

    /// <summary>Where replies go (a private chat, a group, a Discord channel).</summary>
    public required string ChatId { get; init; }

    /// <summary>The client's language, e.g. <c>ru</c>, <c>en-US</c>; null when the channel does not say.</summary>
    public string? Locale { get; init; }

    public string? DisplayName { get; init; }

    public string? Text { get; init; }

    /// <summary>The opaque action id of a pressed button, as the engine issued it (or as forged by a client).</summary>
    public string? Action { get; init; }

    /// <summary>
    /// A command given with named arguments (Discord's slash commands): handled as if typed as <c>/command</c> and the
    /// values of <see cref="Arguments"/> in the order of the command's <see cref="DialogCommand.Arguments"/>.
    /// </summary>
    public string? Command { get; init; }

    /// <summary>The values of <see cref="Command"/>'s arguments by name; unknown names are ignored.</summary>
    public IReadOnlyDictionary<string, string>? Arguments { get; init; }

    /// <summary>The id of the <see cref="TextForm"/> whose typed text <see cref="Text"/> is.</summary>
    public string? Form { get; init; }

    /// <summary>
    /// The channel's id for this delivery (e.g. <c>telegram:update:42</c>). A turn whose id was already handled
    /// changes nothing and gets an empty reply, so redeliveries after a restart or a webhook retry are harmless.
    /// </summary>
    public string? DeliveryId { get; init; }

    /// <summary>Set by the channel from its own rules (configured ids, roles, permissions); the engine trusts it.</summary>
    public bool IsModerator { get; init; }

    /// <summary>
    /// Only this user sees the replies (a private chat, Discord's ephemeral replies), so they may carry something personal
    /// such as a sign-in link. False by default: a channel that does not say is treated as a group.
    /// </summary>
    public bool PrivateReplies { get; init; }

    /// <summary>The community (server, group of chats) the turn belongs to; moderators see only their own.</summary>
    public string Community { get; init; } = DefaultCommunity;

    /// <summary>The channel's id of the bot message this message replies to (Telegram replies), if any.</summary>
    public string? ReplyToMessageId { get; init; }

    /// <summary>
    /// The button actions on the bot message this message replies to, as the channel received it. A moderator may reply
    /// to a question's post the moment it appears, before its channel id is stored: its Answer button still names the question.
    /// </summary>
    public IReadOnlyList<string> ReplyToActions { get; init; } = [];

    /// <summary>
    /// Set when the channel wants the reply durable: its messages are stored in the outbox with the turn and the
    /// returned <see cref="Reply"/> holds only those the channel sends itself (<see cref="Reply.Queued"/> counts the rest).
    /// Null: the reply is returned whole and the channel sends it.
    /// </summary>
    public ReplyRoute? ReplyRoute { get; init; }

    public const string DefaultCommunity = "default";

    public string UserKey => Channel + ":" + UserId;

    public static Turn FromText(string channel, string userId, string chatId, string? locale, string text) =>
        new() { Channel = channel, UserId = userId, ChatId = chatId, Locale = locale, Text = text };

    public static Turn FromAction(string channel, string userId, string chatId, string? locale, string action) =>
        new() { Channel = channel, UserId = userId, ChatId = chatId, Locale = locale, Action = action };
}
