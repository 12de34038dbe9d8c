using HelpBot.Engine.Dialog;

namespace HelpBot.Engine.Tests.Dialog;

public sealed class TextCleanerTests
{
    [Theory]
    [InlineData("  привет  ", "привет")]
    [InlineData("a\u0000b\u0007c\u001bd", "abcd")]
    [InlineData("line1\r\nline2", "line1\nline2")]
    [InlineData("tab\there", "tab\there")]
    [InlineData("emoji 👍🏽 ok", "emoji 👍🏽 ok")]
    [InlineData("family 👨‍👩‍👧", "family 👨‍👩‍👧")]
    [InlineData("bidi \u202Etxet\u202C", "bidi txet")]
    [InlineData("\u200B\u200B", "")]
    [InlineData("\u0085\u00A0", "")]
    public void Clean_RemovesControlAndFormatCharacters(string input, string expected) =>
        Assert.Equal(expected, TextCleaner.Clean(input));

    [Fact]
    public void Clean_LoneSurrogate_IsDropped() =>
        Assert.Equal("lone  surrogate", TextCleaner.Clean("lone " + (char)0xD83D + " surrogate"));
}
