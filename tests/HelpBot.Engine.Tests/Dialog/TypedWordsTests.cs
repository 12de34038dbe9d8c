using HelpBot.Engine.Dialog;

namespace HelpBot.Engine.Tests.Dialog;

public sealed class TypedWordsTests
{
    [Theory]
    [InlineData("дальше", "дальше")]
    [InlineData("Дальше!", "дальше")]
    [InlineData("  what's   next?? ", "what s next")]
    [InlineData("ЁЩЁ", "еще")]
    [InlineData("ок 👍", "ок")]
    [InlineData("🙂", "")]
    [InlineData("", "")]
    [InlineData("\t\n", "")]
    public void Normalize_TypedText_KeepsLowerCaseWordsOnly(string text, string expected) =>
        Assert.Equal(expected, TypedWords.Normalize(text));

    [Fact]
    public void Parse_Alternatives_AreNormalizedAndEmptyOnesDropped()
    {
        var words = TypedWords.Parse("Дальше|what's next||  ");

        Assert.Equal(["what s next", "дальше"], words.Order(StringComparer.Ordinal));
    }
}
