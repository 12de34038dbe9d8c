using HelpBot.Channels.Discord.Commands;
using HelpBot.Channels.Telegram.Setup;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Storage.LiteDb;

namespace HelpBot.Tests;

/// <summary>The dialog's command table is the only list of commands: Telegram's menus and Discord's slash commands are built from it and bot.yaml.</summary>
public sealed class CommandMenusTests
{
    private static readonly ContentCatalog Content = ContentLoader.Load(RepositoryPaths.Content);

    [Theory]
    [InlineData("ru")]
    [InlineData("en")]
    public void TelegramMenu_IsTheTablesListedCommandsForEveryone_DescribedInThatLanguage(string language)
    {
        var texts = Content.Languages[language].Texts;

        var menu = CommandMenu.For(Content.Languages[language]);

        var expected = DialogTable.Commands.Where(c => c is { Listed: true, Audience: Audience.Everyone }).ToArray();
        Assert.Equal(expected.Select(c => (c.Name, texts.Commands[c.Name].Description)), menu.Select(c => (c.Command, c.Description)));
    }

    [Fact]
    public void DiscordSlashCommands_AreTheTablesListedCommands_WithTheirArgumentsAudienceAndTexts()
    {
        var english = Content.Languages["en"].Texts;
        var russian = Content.Languages["ru"].Texts;

        var commands = SlashCommandCatalog.Build(Content, new DialogOptions().MaxTextLength);

        var expected = DialogTable.Commands.Where(c => c.Listed).ToArray();
        Assert.Equal(expected.Select(c => c.Name), commands.Select(c => c.Name));
        foreach (var (command, slash) in expected.Zip(commands))
        {
            Assert.Equal(command.Audience == Audience.Moderators, slash.DefaultMemberPermissions is not null);
            Assert.Equal(english.Commands[command.Name].Description, slash.Description);
            Assert.Equal(russian.Commands[command.Name].Name, slash.NameLocalizations["ru"]);
            Assert.Equal(russian.Commands[command.Name].Description, slash.DescriptionLocalizations["ru"]);
            Assert.Equal(command.Arguments.Select(a => a.Name), slash.Options?.Select(o => o.Name) ?? []);
            foreach (var option in slash.Options ?? [])
                Assert.Equal(russian.Commands[command.Name].Arguments[option.Name].Description, option.DescriptionLocalizations["ru"]);
        }
    }

    [Fact]
    public async Task EveryCommandOfTheTable_IsHandledByTheEngine()
    {
        using var store = LiteDbConversationStore.InMemory();
        var engine = new DialogEngine(new FixedContentProvider(Content), store);

        foreach (var command in DialogTable.Commands)
        {
            var reply = await engine.HandleAsync(Turn.FromText("test", "u-" + command.Name, "c", "en", "/" + command.Name) with { IsModerator = true }, TestContext.Current.CancellationToken);
            Assert.DoesNotContain("I don't know the command", string.Join("\n", reply.Messages.Select(m => m.Text)), StringComparison.Ordinal);
        }
    }
}
