using HelpBot.Channels.Telegram.Rendering;
using HelpBot.Engine.Dialog;
using Telegram.Bot.Types.ReplyMarkups;

namespace HelpBot.Channels.Telegram.Tests.Rendering;

public sealed class ReplyRendererTests
{
    [Fact]
    public void Render_Buttons_InlineKeyboardRowsWithActionIdsAsCallbackData()
    {
        var message = new OutgoingMessage("**Шаг**", [
            [new Button("◀ Назад", "step:aliexpress:1"), new Button("Далее ▶", "step:aliexpress:3")],
            [new Button("☰ Меню", "menu")],
        ]);

        var rendered = Assert.Single(ReplyRenderer.Render(message));

        Assert.Equal("<b>Шаг</b>", rendered.Html);
        var rows = rendered.Keyboard!.InlineKeyboard.Select(r => r.Select(b => (b.Text, b.CallbackData)).ToArray()).ToArray();
        Assert.Equal([("◀ Назад", "step:aliexpress:1"), ("Далее ▶", "step:aliexpress:3")], rows[0]);
        Assert.Equal([("☰ Меню", "menu")], rows[1]);
    }

    [Fact]
    public void Render_ActionOver64Bytes_ButtonLeftOutNotTruncated()
    {
        var message = new OutgoingMessage("text", [[new Button("ok", "menu"), new Button("long", "guide:" + new string('я', 40))]]);

        var rendered = Assert.Single(ReplyRenderer.Render(message));

        Assert.Equal("menu", Assert.Single(Assert.Single(rendered.Keyboard!.InlineKeyboard)).CallbackData);
    }

    [Fact]
    public void Render_LongTextWithButtons_ButtonsOnTheLastPiece()
    {
        var message = new OutgoingMessage(string.Join("\n\n", Enumerable.Repeat(new string('a', 1000), 9)), [[new Button("ok", "menu")]]);

        var rendered = ReplyRenderer.Render(message);

        Assert.True(rendered.Count > 1);
        Assert.All(rendered.SkipLast(1), r => Assert.Null(r.Keyboard));
        Assert.IsType<InlineKeyboardMarkup>(rendered[^1].Keyboard);
    }
}
