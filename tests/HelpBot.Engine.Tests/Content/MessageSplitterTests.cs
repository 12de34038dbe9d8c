using HelpBot.Engine.Content;

namespace HelpBot.Engine.Tests.Content;

public sealed class MessageSplitterTests
{
    /// <summary>A channel that counts the ** around bold text, as Discord's markdown does.</summary>
    private static int WithBoldMarkers(IReadOnlyList<Markup.Span> spans) =>
        spans.Sum(s => s.Text.Length + (s.Style == Markup.Style.Bold ? 4 : 0));

    [Theory]
    [InlineData(40)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Split_ChannelMeasure_EveryPieceFitsAndNoWordIsLost(int limit)
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 20).Select(i => $"**Part {i}** some words here and there"));

        var pieces = MessageSplitter.Split(Markup.Parse(text), limit, WithBoldMarkers);

        Assert.All(pieces, p => Assert.InRange(WithBoldMarkers(p), 1, limit));
        Assert.Equal(Markup.ToPlainText(text).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries),
            string.Join(" ", pieces.Select(p => string.Concat(p.Select(s => s.Text)))).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Split_FitsTheLimit_OnePieceAsItIs()
    {
        var spans = Markup.Parse("**Title**\ntext");

        Assert.Same(spans, Assert.Single(MessageSplitter.Split(spans, 14, WithBoldMarkers)));
        Assert.Equal(2, MessageSplitter.Split(spans, 13, WithBoldMarkers).Count);
    }
}
