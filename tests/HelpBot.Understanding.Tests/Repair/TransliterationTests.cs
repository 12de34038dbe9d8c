using HelpBot.Understanding.Repair;

namespace HelpBot.Understanding.Tests.Repair;

public sealed class TransliterationTests
{
    [Theory]
    [InlineData("udalit akkaunt", "удалит аккаунт")]
    [InlineData("aliekspress", "алиекспресс")]
    [InlineData("shchuka", "щука")]
    [InlineData("zhurnal", "журнал")]
    [InlineData("moy", "мой")]
    [InlineData("vy", "вы")]
    [InlineData("Zakazy", "заказы")]
    public void ToCyrillic_RussianInLatinLetters_ReadsBackAsCyrillic(string latin, string cyrillic) =>
        Assert.Equal(cyrillic, Transliteration.ToCyrillic(latin));

    [Fact]
    public void ToCyrillic_NoLatinLetters_IsNull() => Assert.Null(Transliteration.ToCyrillic("заказы 123"));
}
