using HelpBot.Understanding.Analysis;

namespace HelpBot.Understanding.Tests.Analysis;

/// <summary>What the classifier sees of a message: stems of its words, then its other-layout and transliterated readings.</summary>
public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Удалить аккаунт", "удал аккаунт | elfkbnm frrfeyn")]
    [InlineData("удаление, удалю!", "удален удал | elfktybt elfk")]
    [InlineData("Ёлки и e-mail", /* mixed scripts: every reading of the whole message */ "елк и email | елк и у ьфшд | елк и е ма | krb b email")]
    [InlineData("delete my account", "delet my account | вудуе ьн фссщгте | делет мы аццоунт")]
    [InlineData("elfkbnm frrfeyn", "elfkbnm frrfeyn | удал аккаунт | елфкбнм фррфеин")]
    [InlineData("udalit akkaunt", "udalit akkaunt | гвфдше фллфгте | удал аккаунт")]
    [InlineData("🙂👍 ?!", "")]
    [InlineData("", "")]
    public void Normalize_GivesStemsAndReadings(string message, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(message));
    }

    [Theory]
    [InlineData("а почта?", 2)]
    [InlineData("delete my account", 3)]
    [InlineData("🙂", 0)]
    public void Normalize_CountsTheMessagesOwnWordsNotItsReadings(string message, int words)
    {
        TextNormalizer.Normalize(message, out var counted);
        Assert.Equal(words, counted);
    }

    [Fact]
    public void Normalize_VeryLongMessage_ReadsAtMostMaxWordsOfEachReading()
    {
        var words = TextNormalizer.Normalize(string.Join(' ', Enumerable.Repeat("аккаунт", 10_000))).Split(" | ")[0].Split(' ');
        Assert.Equal(TextNormalizer.MaxWords, words.Length);
    }

    [Fact]
    public void Normalize_LongStoryThenQuestion_KeepsTheQuestionAtTheEnd()
    {
        var story = string.Concat(Enumerable.Repeat("внучка мне всё настраивала давно ", 40));
        var words = TextNormalizer.Normalize(story + "как удалить профиль").Split(" | ")[0].Split(' ');
        Assert.Equal(TextNormalizer.MaxWords, words.Length);
        Assert.Equal(["удал", "профил"], words[^2..]);
    }
}
