using System.Text.Json;
using System.Text.Json.Nodes;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Channels.Telegram.Setup;
using HelpBot.Engine.Dialog;
using Telegram.Bot;

namespace HelpBot.Channels.Telegram.Tests.Setup;

public sealed class CommandMenuTests
{
    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public void For_RealContent_TheTablesCommandsForEveryoneWithTheirDescriptionsWithinTelegramsRules(string language)
    {
        var pack = TestCatalog.Content.Languages[language];

        var commands = CommandMenu.For(pack);

        Assert.Equal(["help", "steps", "consequences", "reasons", "feedback", "ask", "language", "forget", "menu"], commands.Select(c => c.Command));
        Assert.All(commands, c => Assert.Equal(pack.Texts.Commands[c.Command].Description, c.Description));
        var call = new JsonObject
        {
            ["commands"] = JsonSerializer.SerializeToNode(commands, JsonBotAPI.Options),
            ["language_code"] = language,
        };
        Assert.Empty(BotApiSpec.Default.CheckCall("setMyCommands", call).Concat(DescriptionRules.Check("setMyCommands", call)));
    }

    [Theory]
    [InlineData("start", true)]
    [InlineData("steps", true)]
    [InlineData("stats", false)]
    [InlineData("weather", false)]
    public void IsKnown_BareCommands_TheTablesCommandsForEveryone(string command, bool known) =>
        Assert.Equal(known, CommandMenu.IsKnown(command));

    [Fact]
    public void DialogTable_CommandNames_FollowTelegramsRules() =>
        Assert.All(DialogTable.Commands, c => Assert.Matches("^[a-z0-9_]{1,32}$", c.Name));
}
