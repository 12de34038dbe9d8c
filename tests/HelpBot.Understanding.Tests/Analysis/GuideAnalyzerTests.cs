using HelpBot.Understanding.Analysis;

namespace HelpBot.Understanding.Tests.Analysis;

public sealed class GuideAnalyzerTests : IDisposable
{
    private readonly GuideAnalyzer _analyzer = new();

    [Theory]
    [InlineData("заказы", "заказами")]
    [InlineData("заказ", "заказов")]
    [InlineData("удалённый", "удаленный")]
    [InlineData("настройки", "настроики")]
    [InlineData("алиэкспресс", "алиекспресс")]
    [InlineData("orders", "order")]
    [InlineData("I don’t need", "i don't need")]
    [InlineData("e-mail", "email")]
    [InlineData("Aliexpress.com", "aliexpress")]
    public void Terms_VariantsOfOneWord_AnalyseAlike(string one, string other) =>
        Assert.Equal(Texts(one), Texts(other));

    [Fact]
    public void Terms_RussianInflections_AreStemmedBySnowball() =>
        Assert.Equal(["заказ", "сообщен"], Texts("заказами сообщения"));

    [Fact]
    public void Terms_StopWordsFillerAndNumbers_AreDropped() =>
        Assert.Equal(["заказ"], Texts("пожалуйста, подскажите про мои 2 заказа"));

    [Fact]
    public void Terms_QuestionWordsAndNegation_AreKeptUnstemmedAndMarked()
    {
        var terms = _analyzer.Terms("где не нашёл");
        Assert.Equal(["где", "не", "нашел"], terms.Select(t => t.Text));
        Assert.Equal([true, true, false], terms.Select(t => t.IsFunction));
    }

    [Fact]
    public void Terms_ApostropheT_ReadsAsNot() => Assert.Contains("not", Texts("I can't find it"));

    [Theory]
    [InlineData("")]
    [InlineData("😂🙂👍")]
    [InlineData("??? !!! ...")]
    public void Terms_NoWords_IsEmpty(string text) => Assert.Empty(Texts(text));

    public void Dispose() => _analyzer.Dispose();

    private List<string> Texts(string text) => _analyzer.Terms(text).Select(t => t.Text).ToList();
}
