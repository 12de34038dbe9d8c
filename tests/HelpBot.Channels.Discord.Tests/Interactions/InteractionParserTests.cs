using System.Text;
using HelpBot.Channels.Discord.Interactions;
using HelpBot.Channels.Discord.Tests.Infrastructure;

namespace HelpBot.Channels.Discord.Tests.Interactions;

public sealed class InteractionParserTests
{
    [Fact]
    public void Parse_GuildCommand_ReadsMemberUserChannelLocaleAndOptions()
    {
        var interaction = Parse(InteractionJson.Command("42", "help", "ru", ("question", "где кнопка?")));

        Assert.NotNull(interaction);
        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("42", interaction.UserId);
        Assert.Equal("Tester", interaction.DisplayName);
        Assert.Equal("700000000000000007", interaction.ChannelId);
        Assert.Equal("ru", interaction.Locale);
        Assert.Equal("help", interaction.CommandName);
        Assert.Equal("где кнопка?", interaction.Options["question"]);
    }

    [Fact]
    public void Parse_DirectMessage_ReadsTheTopLevelUser()
    {
        var interaction = Parse("""{"id":"1","type":3,"token":"t","user":{"id":"9","username":"solo"},"channel":{"id":"55"},"locale":"en-GB","data":{"custom_id":"menu","component_type":2}}""");

        Assert.NotNull(interaction);
        Assert.Equal("9", interaction.UserId);
        Assert.Equal("solo", interaction.DisplayName);
        Assert.Equal("55", interaction.ChannelId);
        Assert.Equal("menu", interaction.CustomId);
        Assert.Equal(2, interaction.ComponentType);
    }

    [Theory]
    [InlineData("""{"type":18,"component":{"type":4,"custom_id":"text","value":"in a label"}}""", "in a label")]
    [InlineData("""{"type":1,"components":[{"type":4,"custom_id":"text","value":"in an action row"}]}""", "in an action row")]
    public void Parse_ModalSubmit_FindsTheTextInputInLabelsAndActionRows(string component, string expected)
    {
        var interaction = Parse("""{"id":"1","type":5,"token":"t","user":{"id":"9"},"data":{"custom_id":"ask","components":[COMPONENT]}}""".Replace("COMPONENT", component, StringComparison.Ordinal));

        Assert.Equal(expected, interaction?.Fields["text"]);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("""{"id":1,"type":1,"token":"t"}""")]
    [InlineData("""{"id":"1","type":1.5,"token":"t"}""")]
    [InlineData("""{"id":"1","type":1}""")]
    [InlineData("""{"id":"1","type":3,"token":"t","member":{"user":{}}}""")]
    public void Parse_WrongShape_IsNull(string json) => Assert.Null(Parse(json));

    private static InteractionRequest? Parse(string json) => InteractionParser.Parse(Encoding.UTF8.GetBytes(json));
}
