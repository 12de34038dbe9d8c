using HelpBot.Engine.Dialog;

namespace HelpBot.Engine.Tests.Dialog;

public sealed class ActionIdTests
{
    [Theory]
    [InlineData("menu", "menu", null, null)]
    [InlineData("step:aliexpress:3", "step", "aliexpress", "3")]
    [InlineData("lang:en", "lang", "en", null)]
    [InlineData("fb:my_guide-2:yes", "fb", "my_guide-2", "yes")]
    public void TryParse_WellFormed_SplitsVerbTargetArgument(string text, string verb, string? target, string? argument)
    {
        Assert.True(ActionId.TryParse(text, out var action));
        Assert.Equal(new ActionId(verb, target, argument), action);
        Assert.Equal(text, action.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(":")]
    [InlineData("a::b")]
    [InlineData("a:b:c:d")]
    [InlineData("step:ali express:1")]
    [InlineData("шаг:1")]
    [InlineData("step:aliexpress:1\n")]
    public void TryParse_Malformed_IsRefused(string? text) => Assert.False(ActionId.TryParse(text, out _));

    /// <summary>Property: for any string, parsing never throws, and whatever parses prints back to the same string.</summary>
    [Fact]
    public void TryParse_AnyString_NeverThrowsAndRoundTrips()
    {
        var random = new Random(20261125);
        const string alphabet = "abcz09:-_ :\u0000é💥/\\";
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, 70);
            var text = string.Concat(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]));
            if (ActionId.TryParse(text, out var action))
                Assert.Equal(text, action.ToString());
        }
    }
}
