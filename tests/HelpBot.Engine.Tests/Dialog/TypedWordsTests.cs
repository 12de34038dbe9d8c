using HelpBot.Engine.Dialog;

namespace HelpBot.Engine.Tests.Dialog;

public sealed class TypedWordsTests
{
    [Theory]
    [InlineData("дальше", "дальше")]
    [InlineData("Дальше!", "дальше")]
    [InlineData("  what's   next?? ", "what s next")]
    [InlineData("ЁЩЁ", "еще")]
    [InlineData("ок 👍", "ок")]
    [InlineData("🙂", "")]
    [InlineData("", "")]
    [InlineData("\t\n", "")]
    public void Normalize_TypedText_KeepsLowerCaseWordsOnly(string text, string expected) =>
        Assert.Equal(expected, TypedWords.Normalize(text));

    [Fact]
    public void Parse_Alternatives_AreNormalizedAndEmptyOnesDropped()
    {
        var words = TypedWords.Parse("Дальше|what's next||  ");

        Assert.Equal(["what s next", "дальше"], words.Order(StringComparer.Ordinal));
    }

    /// <summary>A message's clauses (split at punctuation, as typed), each marked when a question mark ends it.</summary>
    [Theory]
    [InlineData("ок, нашёл, что дальше?", "ок|нашёл|что дальше?")]
    [InlineData("Дальше!", "Дальше")]
    [InlineData("I did it... what now?", "I did it|what now?")]
    [InlineData("ok — and what happens to my orders?", "ok|and what happens to my orders?")]
    [InlineData("🙂, next", "next")]
    [InlineData("готово\nчто теперь", "готово|что теперь")]
    [InlineData("?!", "")]
    [InlineData("", "")]
    public void Clauses_Message_SplitAtPunctuationWithQuestionsMarked(string text, string expected)
    {
        var clauses = TypedWords.Clauses(text);

        Assert.Equal(expected, string.Join('|', clauses.Select(c => c.IsQuestion ? c.Text + "?" : c.Text)));
    }
}
