namespace HelpBot.Understanding.Tests;

public sealed class UnderstandingOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(new UnderstandingOptionsValidator().Validate(null, new UnderstandingOptions()).Succeeded);

    [Theory]
    [InlineData(1.5, 0.8f, 40)]
    [InlineData(-0.1, 0.8f, 40)]
    [InlineData(0.5, 2f, 40)]
    [InlineData(0.5, 0.8f, 0)]
    public void Validate_OutOfRange_FailsNamingTheField(double minConfidence, float textWeight, int maxWords)
    {
        var result = new UnderstandingOptionsValidator().Validate(null, new UnderstandingOptions { MinConfidence = minConfidence, TextWeight = textWeight, MaxWords = maxWords });
        Assert.True(result.Failed);
    }
}
