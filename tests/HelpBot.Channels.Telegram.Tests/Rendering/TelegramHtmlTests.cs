using HelpBot.Channels.Telegram.Rendering;
using HelpBot.Engine.Content;
using Parser = HelpBot.Channels.Telegram.FakeBotApi.TelegramHtml;

namespace HelpBot.Channels.Telegram.Tests.Rendering;

public sealed class TelegramHtmlTests
{
    [Theory]
    [InlineData("**Шаг 1** · шаг 1/9", "<b>Шаг 1</b> · шаг 1/9")]
    [InlineData("Скопируйте: `I want to delete`", "Скопируйте: <code>I want to delete</code>")]
    [InlineData("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d")]
    [InlineData("**<script>**", "<b>&lt;script&gt;</b>")]
    [InlineData("`<b>&amp;</b>`", "<code>&lt;b&gt;&amp;amp;&lt;/b&gt;</code>")]
    public void Render_Markup_TelegramHtml(string markup, string html) =>
        Assert.Equal(html, TelegramHtml.Render(Markup.Parse(markup)));

    [Theory]
    [InlineData("<i>user</i> & <b>\"quotes\"</b> 🙂")]
    [InlineData("\u0001 control \u0007")]
    [InlineData("&lt; already escaped &gt;")]
    public void Render_UserText_ParsesBackToItselfWithTelegramsRules(string userText)
    {
        var html = TelegramHtml.Render(Markup.Parse("**Вопрос:** " + Markup.Escape(userText)));

        Assert.True(Parser.TryParse(html, out var visible, out var error), error);
        Assert.Equal("Вопрос: " + userText, visible);
    }

    [Fact]
    public void Render_AllContent_ParsesWithTelegramsRules()
    {
        foreach (var language in TestCatalog.Content.Languages.Values)
        {
            foreach (var guide in language.Guides.Values)
            {
                foreach (var step in guide.Steps)
                {
                    var html = TelegramHtml.Render(Markup.Parse(step.Text + (step.Copy is { } copy ? Markup.Code(copy) : "")));
                    Assert.True(Parser.TryParse(html, out _, out var error), $"{language.Code}/{guide.Id}/{step.Id}: {error}");
                }
            }
        }
    }
}
