using HelpBot.Engine.Content;

namespace HelpBot.Engine.Tests.Content;

public sealed class MarkupTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("**bold** and `code`", "bold and code")]
    [InlineData("a \\*star\\* and \\`tick\\`", "a *star* and `tick`")]
    [InlineData("`**not bold in code**`", "**not bold in code**")]
    [InlineData("single * star", "single * star")]
    public void ToPlainText_StripsFormatting(string text, string plain) => Assert.Equal(plain, Markup.ToPlainText(text));

    [Theory]
    [InlineData("**x**", true)]
    [InlineData("`x`", true)]
    [InlineData("**x", false)]
    [InlineData("`x", false)]
    [InlineData("\\`x", true)]
    public void IsBalanced_ChecksEveryMarkerIsClosed(string text, bool balanced) => Assert.Equal(balanced, Markup.IsBalanced(text));

    [Theory]
    [InlineData("*")]
    [InlineData("a `b` **c** \\d")]
    [InlineData("💥`**")]
    public void Escape_UserText_ComesBackVerbatimAsOnePlainSpan(string userText)
    {
        var spans = Markup.Parse(Markup.Escape(userText));

        Assert.Equal(userText, string.Concat(spans.Select(s => s.Text)));
        Assert.All(spans, s => Assert.Equal(Markup.Style.Plain, s.Style));
    }

    [Fact]
    public void Parse_Code_IsItsOwnSpan()
    {
        var spans = Markup.Parse("Type `Deactivate my account` now");

        Assert.Equal(
            [new("Type ", Markup.Style.Plain), new("Deactivate my account", Markup.Style.Code), new(" now", Markup.Style.Plain)],
            spans);
    }
}
