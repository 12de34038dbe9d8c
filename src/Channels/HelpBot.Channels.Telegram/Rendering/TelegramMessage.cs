using Telegram.Bot.Types.ReplyMarkups;

namespace HelpBot.Channels.Telegram.Rendering;

/// <summary>One message as Telegram takes it: HTML text (parse_mode HTML) and an optional inline keyboard.</summary>
internal sealed record TelegramMessage(string Html, InlineKeyboardMarkup? Keyboard);
