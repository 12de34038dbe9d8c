using HelpBot.Understanding.Analysis;

namespace HelpBot.Understanding.Tests.Analysis;

public sealed class CommonWordsTests : IDisposable
{
    private readonly GuideAnalyzer _analyzer = new();

    [Theory]
    [InlineData("elsewhere")]
    [InlineData("boxes")]
    [InlineData("каждого")]
    [InlineData("магазине")]
    public void Stems_OrdinaryWordInAnyForm_IsListed(string word) =>
        Assert.Contains(Stem(word), CommonWords.Stems(_analyzer));

    /// <summary>Another service's name must keep an unknown word's full weight, so questions about it still fall back.</summary>
    [Theory]
    [InlineData("facebook")]
    [InlineData("google")]
    [InlineData("instagram")]
    [InlineData("amazon")]
    [InlineData("вконтакте")]
    [InlineData("телеграме")]
    public void Stems_SiteName_IsNotListed(string word) =>
        Assert.DoesNotContain(Stem(word), CommonWords.Stems(_analyzer));

    [Fact]
    public void Stems_BothLanguages_AreLoadedWithoutQuestionWords()
    {
        var stems = CommonWords.Stems(_analyzer);
        Assert.True(stems.Count(s => s[0] is >= 'a' and <= 'z') >= 500, "English list missing or short");
        Assert.True(stems.Count(s => s[0] is >= 'а' and <= 'я') >= 400, "Russian list missing or short");
        Assert.DoesNotContain("где", stems);
    }

    public void Dispose() => _analyzer.Dispose();

    private string Stem(string word) => Assert.Single(_analyzer.Terms(word)).Text;
}
