using HelpBot.Understanding.Analysis;

namespace HelpBot.Understanding.Tests.Analysis;

public sealed class NarrationTests : IDisposable
{
    private readonly GuideAnalyzer _analyzer = new();

    /// <summary>A word as written → whether it tells something done; its stem comes from the analyzer, as in the index.</summary>
    [Theory]
    [InlineData("pressed", true)]
    [InlineData("submitted", true)]
    [InlineData("opened", true)]
    [InlineData("press", false)]
    [InlineData("need", false)]      // "-ed" the stemmer keeps: not a verb's ending
    [InlineData("нажал", true)]
    [InlineData("нажала", true)]
    [InlineData("отправили", true)]
    [InlineData("открылась", true)]
    [InlineData("нажать", false)]
    [InlineData("нажму", false)]
    [InlineData("емейл", false)]     // "-л" the stemmer keeps: a noun
    [InlineData("пол", false)]       // too short to tell
    public void IsPastTense_WordAsWritten_TellsWhetherItIsDone(string word, bool expected)
    {
        var stem = Assert.Single(_analyzer.Terms(word)).Text;

        Assert.Equal(expected, Narration.IsPastTense(word, stem));
    }

    public void Dispose() => _analyzer.Dispose();
}
