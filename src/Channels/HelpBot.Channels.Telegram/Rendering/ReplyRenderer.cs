using System.Runtime.CompilerServices;
using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using Telegram.Bot.Types.ReplyMarkups;

namespace HelpBot.Channels.Telegram.Rendering;

/// <summary>Turns the engine's messages into Telegram messages: HTML text cut to size, buttons as inline keyboards.</summary>
internal static class ReplyRenderer
{
    /// <summary>Telegram's limit on callback_data.</summary>
    public const int MaxCallbackDataBytes = 64;

    /// <summary>Telegram's limit on a message's visible text (after its HTML is parsed).</summary>
    public const int MaxTextLength = 4096;

    /// <summary>The engine hands out the same message objects for its fixed screens, so each is rendered once, while it lives.</summary>
    private static readonly ConditionalWeakTable<OutgoingMessage, IReadOnlyList<TelegramMessage>> Rendered = new();

    /// <summary>One engine message can become several Telegram messages when it is long; the buttons go on the last.</summary>
    public static IReadOnlyList<TelegramMessage> Render(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Rendered.GetValue(message, RenderNew);
    }

    private static IReadOnlyList<TelegramMessage> RenderNew(OutgoingMessage message)
    {
        var pieces = MessageSplitter.Split(Markup.Parse(message.Text), MaxTextLength);
        var keyboard = Keyboard(message.Buttons);
        var result = new List<TelegramMessage>(pieces.Count);
        for (var i = 0; i < pieces.Count; i++)
        {
            var html = TelegramHtml.Render(pieces[i]);
            if (string.IsNullOrWhiteSpace(html))
                continue;
            result.Add(new TelegramMessage(html, i == pieces.Count - 1 ? keyboard : null));
        }
        if (result.Count > 0 && result[^1].Keyboard is null && keyboard is not null)
            result[^1] = result[^1] with { Keyboard = keyboard };
        return result;
    }

    /// <summary>callback_data is the engine's action id as it is; buttons whose id would not fit are left out rather than truncated.</summary>
    public static InlineKeyboardMarkup? Keyboard(IReadOnlyList<IReadOnlyList<Button>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var keyboard = new List<InlineKeyboardButton[]>(rows.Count);
        foreach (var row in rows)
        {
            var buttons = row
                .Where(b => b.Action.Length > 0 && Encoding.UTF8.GetByteCount(b.Action) <= MaxCallbackDataBytes && !string.IsNullOrWhiteSpace(b.Label))
                .Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Action))
                .ToArray();
            if (buttons.Length > 0)
                keyboard.Add(buttons);
        }
        return keyboard.Count > 0 ? new InlineKeyboardMarkup(keyboard) : null;
    }
}
