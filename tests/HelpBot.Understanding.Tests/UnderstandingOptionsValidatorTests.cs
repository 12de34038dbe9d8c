namespace HelpBot.Understanding.Tests;

public sealed class UnderstandingOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(new UnderstandingOptionsValidator().Validate(null, new UnderstandingOptions()).Succeeded);

    [Theory]
    [InlineData(1.5, 0.15, "AnswerConfidence")]
    [InlineData(-0.1, 0.15, "AnswerConfidence")]
    [InlineData(0.5, 2.0, "OfferConfidence")]
    [InlineData(0.5, -1.0, "OfferConfidence")]
    public void Validate_OutOfRange_FailsNamingTheField(double answer, double offer, string field)
    {
        var result = new UnderstandingOptionsValidator().Validate(null, new UnderstandingOptions { AnswerConfidence = answer, OfferConfidence = offer });
        Assert.True(result.Failed);
        Assert.Contains(field, result.FailureMessage, StringComparison.Ordinal);
    }
}
