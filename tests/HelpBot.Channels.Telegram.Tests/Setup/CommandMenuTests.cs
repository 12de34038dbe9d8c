using System.Text.Json;
using System.Text.Json.Nodes;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Channels.Telegram.Setup;
using HelpBot.Engine.Content;
using Telegram.Bot;

namespace HelpBot.Channels.Telegram.Tests.Setup;

public sealed class CommandMenuTests
{
    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public void FromHelp_RealContent_EveryCommandOfTheHelpTextWithinTelegramsRules(string language)
    {
        var commands = CommandMenu.FromHelp(TestCatalog.Content.Languages[language].Texts[TextKey.Help]);

        Assert.Equal(["steps", "consequences", "reasons", "feedback", "ask", "language", "forget", "menu"], commands.Select(c => c.Command));
        var call = new JsonObject
        {
            ["commands"] = JsonSerializer.SerializeToNode(commands, JsonBotAPI.Options),
            ["language_code"] = language,
        };
        Assert.Empty(BotApiSpec.Default.CheckCall("setMyCommands", call).Concat(DescriptionRules.Check("setMyCommands", call)));
    }

    [Fact]
    public void FromHelp_ArgumentsAndDashes_NameAndDescriptionOnly()
    {
        var commands = CommandMenu.FromHelp("Intro line — not a command\n/language ru|en — язык (Русский / English)\n  /ask - ask **us**\n/Bad — skipped\n/ask — duplicate");

        Assert.Equal([("language", "язык (Русский / English)"), ("ask", "ask us")], commands.Select(c => (c.Command, c.Description)));
    }

    [Theory]
    [InlineData("start", true)]
    [InlineData("steps", true)]
    [InlineData("weather", false)]
    public void IsKnown_BareCommands(string command, bool known) =>
        Assert.Equal(known, CommandMenu.IsKnown(TestCatalog.Content, command));
}
