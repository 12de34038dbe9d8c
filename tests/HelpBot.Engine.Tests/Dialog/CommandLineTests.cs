using HelpBot.Engine.Dialog;

namespace HelpBot.Engine.Tests.Dialog;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("/start", "start", "")]
    [InlineData("/START", "start", "")]
    [InlineData("/steps@HelpBot", "steps", "")]
    [InlineData("/language  en ", "language", "en")]
    [InlineData("/ask Что будет\nс заказами?", "ask", "Что будет\nс заказами?")]
    [InlineData("/help@HelpBot how to delete", "help", "how to delete")]
    public void TryParse_Command_GivesLowercaseNameAndArgument(string text, string name, string argument)
    {
        Assert.True(CommandLine.TryParse(text, out var parsedName, out var parsedArgument));
        Assert.Equal((name, argument), (parsedName, parsedArgument));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/ start")]
    [InlineData("/1")]
    [InlineData("не команда /start")]
    [InlineData("//start")]
    public void TryParse_NotACommand_IsFreeText(string text) => Assert.False(CommandLine.TryParse(text, out _, out _));
}
