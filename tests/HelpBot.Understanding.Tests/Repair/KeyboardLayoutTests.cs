using HelpBot.Understanding.Repair;

namespace HelpBot.Understanding.Tests.Repair;

public sealed class KeyboardLayoutTests
{
    [Theory]
    [InlineData("ghbdtn", "привет")]
    [InlineData("elfkbnm frrfeyn", "удалить аккаунт")]
    [InlineData(",tp j,vfyf", "без обмана")]
    [InlineData("Ghbdtn", "Привет")]
    public void ToCyrillic_LatinLayoutTyping_GivesTheRussianWords(string typed, string meant) =>
        Assert.Equal(meant, KeyboardLayout.ToCyrillic(typed));

    [Theory]
    [InlineData("руддщ", "hello")]
    [InlineData("ыусщтв дшту", "second line")]
    public void ToLatin_RussianLayoutTyping_GivesTheEnglishWords(string typed, string meant) =>
        Assert.Equal(meant, KeyboardLayout.ToLatin(typed));

    [Theory]
    [InlineData("2+2 = 4")]
    [InlineData("😂")]
    [InlineData("")]
    public void ToCyrillic_NothingOnLayoutKeys_IsNull(string typed) => Assert.Null(KeyboardLayout.ToCyrillic(typed));
}
