using System.Globalization;
using HelpBot.Channels.Telegram.Sending;
using HelpBot.Engine.Dialog;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace HelpBot.Channels.Telegram.Updates;

/// <summary>Telegram updates as the engine's turns. The update id becomes the delivery id, so a redelivered update changes nothing.</summary>
internal static class TelegramTurns
{
    public const string ChannelName = "telegram";

    public static Turn FromMessage(int updateId, Message message, User from, string text, Moderators moderators, long botId) => new()
    {
        Channel = ChannelName,
        UserId = Id(from.Id),
        ChatId = Id(message.Chat.Id),
        Locale = from.LanguageCode,
        DisplayName = DisplayName(from),
        Text = text,
        DeliveryId = DeliveryId(updateId),
        IsModerator = moderators.IsModerator(from.Id, message.Chat.Id),
        PrivateReplies = message.Chat.Type == ChatType.Private,
        Community = moderators.Community,
        // A moderator answers a posted question by replying to it; only replies to the bot's own messages count.
        ReplyToMessageId = message.ReplyToMessage is { } replied && replied.From?.Id == botId ? Id(replied.Id) : null,
        ReplyToActions = message.ReplyToMessage is { } own && own.From?.Id == botId && own.ReplyMarkup?.InlineKeyboard is { } rows
            ? rows.SelectMany(row => row).Select(b => b.CallbackData).OfType<string>().ToArray()
            : [],
    };

    public static Turn FromCallbackQuery(int updateId, CallbackQuery query, long chatId, Moderators moderators) => new()
    {
        Channel = ChannelName,
        UserId = Id(query.From.Id),
        ChatId = Id(chatId),
        Locale = query.From.LanguageCode,
        DisplayName = DisplayName(query.From),
        // A button without data (a game button, a forged press) reaches the engine as an unknown action and gets its "outdated button" answer.
        Action = query.Data ?? "",
        DeliveryId = DeliveryId(updateId),
        IsModerator = moderators.IsModerator(query.From.Id, chatId),
        PrivateReplies = chatId == query.From.Id,
        Community = moderators.Community,
    };

    /// <summary>The turn's reply goes to <paramref name="target"/> through the outbox.</summary>
    public static ReplyRoute RouteTo(ReplyTarget target) => new()
    {
        ThreadId = target.ThreadId is { } thread ? Id(thread) : null,
        QuoteMessageId = target.QuoteMessageId is { } quote ? Id(quote) : null,
        PressedMessageId = target.EditMessageId is { } pressed ? Id(pressed) : null,
    };

    public static string DeliveryId(int updateId) => "telegram:update:" + updateId.ToString(CultureInfo.InvariantCulture);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string DisplayName(User user)
    {
        var first = user.FirstName ?? "";
        var name = string.IsNullOrWhiteSpace(user.LastName) ? first : first + " " + user.LastName;
        return string.IsNullOrWhiteSpace(name) && user.Username is { } username ? "@" + username : name.Trim();
    }
}
