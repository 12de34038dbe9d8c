using System.Text.Json.Nodes;
using HelpBot.Channels.Telegram.FakeBotApi;

namespace HelpBot.Channels.Telegram.Tests.Updates;

/// <summary>Which messages get a turn: everything in private chats, only what is addressed to the bot in groups.</summary>
public sealed class MessageHandlerTests
{
    private const long Group = -1001234567890;

    [Fact]
    public async Task Group_ChatterAndOtherBotsCommands_Ignored_CommandForThisBot_AnsweredAsReply()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(4001, chatId: Group);
        rig.Api.SendText(user.Id, "привет всем, как удалить аккаунт?", chatId: Group);
        rig.Api.SendText(user.Id, "/start@some_other_bot", chatId: Group);
        rig.Api.SendText(user.Id, "/weather", chatId: Group);

        var reply = await user.SendAsync("/start@" + rig.Api.Username);

        // The group's updates run in order, so the three before were handled (and ignored) first.
        Assert.Equal(1, user.MessageCalls);
        Assert.Contains("AliExpress", reply[0].Text, StringComparison.Ordinal);
        var send = Assert.Single(rig.Api.Calls("sendMessage"));
        Assert.Equal(user.LastUpdateMessageId(rig.Api), send.Parameters["reply_parameters"]!["message_id"]!.GetValue<int>());
        Assert.Empty(rig.Api.Violations);
    }

    [Fact]
    public async Task Group_BareKnownCommandAndReplyToTheBot_Answered()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(4002, chatId: Group);
        var menu = (await user.SendAsync("/menu"))[0];

        var answer = await user.SendAsync("как удалить профиль", replyTo: menu.MessageId);

        Assert.Equal(2, user.MessageCalls);
        Assert.NotEmpty(answer[0].Text);
    }

    [Fact]
    public async Task Private_Sticker_GetsTheSendTextHint()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(4003);
        var sticker = rig.Api.TextMessage(user.Id, "");
        var message = sticker["message"]!.AsObject();
        message.Remove("text");
        message["sticker"] = new JsonObject
        {
            ["file_id"] = "CAAC", ["file_unique_id"] = "AgAD", ["type"] = "regular", ["width"] = 512, ["height"] = 512,
            ["is_animated"] = false, ["is_video"] = false,
        };
        rig.Api.Enqueue(sticker);

        var hint = await user.RepliesAsync();

        Assert.Contains("Сообщение пустое", hint[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_EditedMessageChannelPostAndServiceMessage_IgnoredWithoutError()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(4004);
        rig.Api.Enqueue(new JsonObject { ["edited_message"] = rig.Api.TextMessage(user.Id, "/start")["message"]!.DeepClone() });
        rig.Api.Enqueue(new JsonObject { ["channel_post"] = new JsonObject { ["message_id"] = 1, ["date"] = 0, ["chat"] = new JsonObject { ["id"] = -100777, ["type"] = "channel", ["title"] = "News" }, ["text"] = "/start" } });
        var joined = rig.Api.TextMessage(user.Id, "");
        joined["message"]!.AsObject().Remove("text");
        joined["message"]!["new_chat_title"] = "renamed";
        rig.Api.Enqueue(joined);
        rig.Api.Enqueue(new JsonObject { ["poll_answer"] = new JsonObject { ["poll_id"] = "1", ["option_ids"] = new JsonArray(), ["user"] = FakeBotApiServer.User(user.Id, "ru") } });

        var reply = await user.SendAsync("/menu");

        Assert.Equal(1, user.MessageCalls);
        Assert.Contains("Выберите раздел", reply[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Bot.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Theory]
    [InlineData("🙂🙂🙂 как удалить аккаунт 🙂")]
    [InlineData("\u0001\u0002\u0007 <b>bold</b> & <script>")]
    [InlineData("   ")]
    public async Task Private_OddText_GetsAnAnswerTelegramAccepts(string text)
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(4005);

        var reply = await user.SendAsync(text);

        Assert.NotEmpty(reply[0].Text);
        Assert.Empty(rig.Api.Violations);
    }

    [Fact]
    public async Task Private_HugeText_RefusedClearly()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var user = rig.User(4006);

        var reply = await user.SendAsync(new string('я', 4096));

        Assert.Contains("слишком длинное", reply[0].Text, StringComparison.Ordinal);
        Assert.Empty(rig.Api.Violations);
    }
}
