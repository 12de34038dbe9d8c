namespace HelpBot.Transcripts.Tests;

public sealed class TranscriptParserTests
{
    [Fact]
    public void Parse_FormatExample_ReadsHeaderTurnsAndExpectations()
    {
        const string text = """
            # The walkthrough starts at the first sub-step and goes back and forth.
            @locale ru
            > /steps
            < Мой AliExpress
            <[~Далее]
            > [~Далее]
            < Настройки профиля
            > [~Назад]
            < Мой AliExpress
            """;

        var transcript = TranscriptParser.Parse("example.chat", text);

        Assert.Equal(("ru", TranscriptParser.DefaultUserId), (transcript.Locale, transcript.UserId));
        Assert.Equal(
            [(3, TurnKind.Text, "/steps"), (6, TurnKind.PressFragment, "Далее"), (8, TurnKind.PressFragment, "Назад")],
            transcript.Turns.Select(t => (t.Line, t.Kind, t.Value)));
        Assert.Equal([ExpectationKind.Contains, ExpectationKind.Buttons], transcript.Turns[0].Expectations.Select(e => e.Kind));
        Assert.Equal(["~Далее"], transcript.Turns[0].Expectations[1].Labels);
    }

    public static TheoryData<string, ExpectationKind, string, string[]> Expectations() => new()
    {
        { "< fragment text", ExpectationKind.Contains, "fragment text", [] },
        { "<! not this", ExpectationKind.NotContains, "not this", [] },
        { "</Вопрос Q[A-Z]{5}/", ExpectationKind.Matches, "Вопрос Q[A-Z]{5}", [] },
        { "<[Да] [Нет]", ExpectationKind.Buttons, "", ["Да", "Нет"] },
        { "<[◀ Назад] [Далее ▶]", ExpectationKind.Buttons, "", ["◀ Назад", "Далее ▶"] },
        { "<#", ExpectationKind.Empty, "", [] },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Parse_ExpectationLine_HasItsMeaning(string line, ExpectationKind kind, string value, string[] labels)
    {
        var expectation = Assert.Single(TranscriptParser.Parse("t.chat", "> hi\n" + line).Turns[0].Expectations);

        Assert.Equal((kind, value, 2), (expectation.Kind, expectation.Value, expectation.Line));
        Assert.Equal(labels, expectation.Labels);
    }

    [Theory]
    [InlineData("> [Далее ▶]", TurnKind.PressLabel, "Далее ▶")]
    [InlineData("> [~далее]", TurnKind.PressFragment, "далее")]
    [InlineData(">", TurnKind.Text, "")]
    [InlineData("> text with [brackets] inside", TurnKind.Text, "text with [brackets] inside")]
    public void Parse_TurnLine_HasItsMeaning(string line, TurnKind kind, string value)
    {
        var turn = Assert.Single(TranscriptParser.Parse("t.chat", line).Turns);

        Assert.Equal((kind, value), (turn.Kind, turn.Value));
    }

    [Theory]
    [InlineData("< orphan", 1, "needs a user turn")]
    [InlineData("> hi\n@locale en", 2, "before the first user turn")]
    [InlineData("@colour red\n> hi", 1, "unknown header")]
    [InlineData("@locale\n> hi", 1, "needs a value")]
    [InlineData("> hi\n</[unclosed/", 2, "invalid regular expression")]
    [InlineData("> hi\n<[A] B", 2, "<[Label] [Label]")]
    [InlineData("> hi\nhello", 2, "unrecognized line")]
    [InlineData("> hi\n<", 2, "has no text")]
    [InlineData("# only a comment", 1, "at least one user turn")]
    public void Parse_BadLine_NamesFileAndLine(string text, int line, string message)
    {
        var ex = Assert.Throws<TranscriptFormatException>(() => TranscriptParser.Parse("bad.chat", text));

        Assert.Equal(("bad.chat", line), (ex.File, ex.Line));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"bad.chat:{line}: ", ex.Message, StringComparison.Ordinal);
    }
}
