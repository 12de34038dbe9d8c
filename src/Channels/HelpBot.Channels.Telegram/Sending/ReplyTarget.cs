namespace HelpBot.Channels.Telegram.Sending;

/// <summary>
/// Where a reply goes: the chat, the forum topic, the message to quote (groups) and the message to edit
/// (the one whose button was pressed, when the engine asks to edit in place).
/// </summary>
internal sealed record ReplyTarget(long ChatId, int? ThreadId = null, int? QuoteMessageId = null, int? EditMessageId = null);
