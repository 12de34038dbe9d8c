using HelpBot.Channels.Telegram.Rendering;
using HelpBot.Engine.Content;
using Parser = HelpBot.Channels.Telegram.FakeBotApi.TelegramHtml;

namespace HelpBot.Channels.Telegram.Tests.Rendering;

public sealed class MessageSplitterTests
{
    [Fact]
    public void Split_ShortText_OnePiece()
    {
        var pieces = MessageSplitter.Split(Markup.Parse("**Заголовок**\nтекст"), ReplyRenderer.MaxTextLength);

        Assert.Equal("<b>Заголовок</b>\nтекст", TelegramHtml.Render(Assert.Single(pieces)));
    }

    [Fact]
    public void Split_LongParagraphs_CutsAtParagraphsWithinTheLimit()
    {
        var paragraph = "**Пункт.** " + new string('с', 900);
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 12));

        var pieces = MessageSplitter.Split(Markup.Parse(text), ReplyRenderer.MaxTextLength);

        Assert.True(pieces.Count >= 3);
        foreach (var piece in pieces)
        {
            Assert.True(Parser.TryParse(TelegramHtml.Render(piece), out var visible, out var error), error);
            Assert.InRange(visible.Length, 1, ReplyRenderer.MaxTextLength);
            Assert.StartsWith("Пункт.", visible, StringComparison.Ordinal);
        }
        Assert.Equal(Markup.ToPlainText(text).Replace("\n", "", StringComparison.Ordinal),
            string.Concat(pieces.SelectMany(p => p).Select(s => s.Text)).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Split_OneUnbrokenRun_CutsHardWithoutBreakingASurrogatePair()
    {
        var text = "`" + string.Concat(Enumerable.Repeat("😀", 3000)) + "`";

        var pieces = MessageSplitter.Split(Markup.Parse(text), ReplyRenderer.MaxTextLength);

        Assert.Equal(2, pieces.Count);
        foreach (var piece in pieces)
        {
            var span = Assert.Single(piece);
            Assert.Equal(Markup.Style.Code, span.Style);
            Assert.InRange(span.Text.Length, 1, ReplyRenderer.MaxTextLength);
            Assert.False(char.IsHighSurrogate(span.Text[^1]));
        }
    }
}
