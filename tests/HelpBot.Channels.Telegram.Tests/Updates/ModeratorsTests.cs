using HelpBot.Channels.Telegram.FakeBotApi;

namespace HelpBot.Channels.Telegram.Tests.Updates;

/// <summary>Moderators are the configured user ids and everyone in a configured moderators' chat; nobody else.</summary>
public sealed class ModeratorsTests
{
    private const long ModeratorId = 8001;
    private const long ModeratorsChat = -1005550001;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Telegram:ModeratorIds:0"] = ModeratorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Moderation:Chats:0:Channel"] = "telegram",
        ["Moderation:Chats:0:ChatId"] = ModeratorsChat.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Stats_ConfiguredModerator_GetsFiguresAndTheChartAsAPhoto()
    {
        await using var rig = await TelegramTestRig.StartAsync(Settings);
        var moderator = rig.User(ModeratorId);

        var reply = await moderator.SendAsync("/stats", replies: 2);

        Assert.Contains("1/9", reply[0].Text, StringComparison.Ordinal);
        Assert.Equal("photo", reply[1].Kind);
        Assert.Contains(".png", reply[1].File, StringComparison.Ordinal);
        Assert.Empty(rig.Api.Violations);
    }

    [Fact]
    public async Task Export_InTheModeratorsChat_ThreeCsvDocumentsForAnyMember()
    {
        await using var rig = await TelegramTestRig.StartAsync(Settings);
        var member = rig.User(8002, chatId: ModeratorsChat);

        var reply = await member.SendAsync("/export", replies: 4);

        Assert.Equal(3, reply.Count(m => m.Kind == "document" && m.File!.Contains(".csv", StringComparison.Ordinal)));
        Assert.Empty(rig.Api.Violations);
    }

    [Fact]
    public async Task Stats_AnyoneElse_Refused()
    {
        await using var rig = await TelegramTestRig.StartAsync(Settings);
        var user = rig.User(8003);

        var reply = await user.SendAsync("/stats");

        Assert.Contains("только для модераторов", reply[0].Text, StringComparison.Ordinal);
        Assert.Empty(rig.Api.Calls("sendPhoto"));
    }

    [Theory]
    [InlineData("/questions")]
    [InlineData("/answer QABCDE ответ")]
    [InlineData("/close QABCDE")]
    [InlineData("/stats 7")]
    [InlineData("/export")]
    [InlineData("/reload")]
    [InlineData("/forget_user telegram:8001")]
    public async Task EveryModeratorCommand_OrdinaryUser_PlainRefusalAndNothingElse(string command)
    {
        await using var rig = await TelegramTestRig.StartAsync(Settings);
        var user = rig.User(8004);

        var reply = await user.SendAsync(command);

        Assert.Equal("Эта команда только для модераторов сообщества.", Assert.Single(reply).Text);
        Assert.Empty(rig.Api.Calls("sendPhoto"));
        Assert.Empty(rig.Api.Calls("sendDocument"));
    }
}
