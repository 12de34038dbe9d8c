using System.Text.Json.Nodes;
using HelpBot.Channels.Telegram.FakeBotApi;

namespace HelpBot.Channels.Telegram.Tests.Updates;

/// <summary>Which messages get a turn: everything in private chats, only what is addressed to the bot in groups.</summary>
public sealed class MessageHandlerTests : IAsyncLifetime
{
    private const long Group = -1001234567890;

    private FakeBotApiServer _api = null!;
    private TelegramTestBot _bot = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        _bot = await TelegramTestBot.StartAsync(_api, cancellationToken: Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Group_ChatterAndOtherBotsCommands_Ignored_CommandForThisBot_AnsweredAsReply()
    {
        var user = new TelegramUser(_api, 4001, chatId: Group);
        _api.SendText(user.Id, "привет всем, как удалить аккаунт?", chatId: Group);
        _api.SendText(user.Id, "/start@some_other_bot", chatId: Group);
        _api.SendText(user.Id, "/weather", chatId: Group);

        var reply = await user.SendAsync("/start@" + _api.Username);

        // The group's updates run in order, so the three before were handled (and ignored) first.
        Assert.Equal(1, user.MessageCalls);
        Assert.Contains("AliExpress", reply[0].Text, StringComparison.Ordinal);
        var send = Assert.Single(_api.Calls("sendMessage"));
        Assert.Equal(user.LastUpdateMessageId(_api), send.Parameters["reply_parameters"]!["message_id"]!.GetValue<int>());
        Assert.Empty(_api.Violations);
    }

    [Fact]
    public async Task Group_BareKnownCommandAndReplyToTheBot_Answered()
    {
        var user = new TelegramUser(_api, 4002, chatId: Group);
        var menu = (await user.SendAsync("/menu"))[0];

        var answer = await user.SendAsync("как удалить профиль", replyTo: menu.MessageId);

        Assert.Equal(2, user.MessageCalls);
        Assert.NotEmpty(answer[0].Text);
    }

    [Fact]
    public async Task Private_Sticker_GetsTheSendTextHint()
    {
        var user = new TelegramUser(_api, 4003);
        var sticker = _api.TextMessage(user.Id, "");
        var message = sticker["message"]!.AsObject();
        message.Remove("text");
        message["sticker"] = new JsonObject
        {
            ["file_id"] = "CAAC", ["file_unique_id"] = "AgAD", ["type"] = "regular", ["width"] = 512, ["height"] = 512,
            ["is_animated"] = false, ["is_video"] = false,
        };
        _api.Enqueue(sticker);

        var hint = await user.RepliesAsync();

        Assert.Contains("Сообщение пустое", hint[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_EditedMessageChannelPostAndServiceMessage_IgnoredWithoutError()
    {
        var user = new TelegramUser(_api, 4004);
        _api.Enqueue(new JsonObject { ["edited_message"] = _api.TextMessage(user.Id, "/start")["message"]!.DeepClone() });
        _api.Enqueue(new JsonObject { ["channel_post"] = new JsonObject { ["message_id"] = 1, ["date"] = 0, ["chat"] = new JsonObject { ["id"] = -100777, ["type"] = "channel", ["title"] = "News" }, ["text"] = "/start" } });
        var joined = _api.TextMessage(user.Id, "");
        joined["message"]!.AsObject().Remove("text");
        joined["message"]!["new_chat_title"] = "renamed";
        _api.Enqueue(joined);
        _api.Enqueue(new JsonObject { ["poll_answer"] = new JsonObject { ["poll_id"] = "1", ["option_ids"] = new JsonArray(), ["user"] = FakeBotApiServer.User(user.Id, "ru") } });

        var reply = await user.SendAsync("/menu");

        Assert.Equal(1, user.MessageCalls);
        Assert.Contains("Выберите раздел", reply[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Theory]
    [InlineData("🙂🙂🙂 как удалить аккаунт 🙂")]
    [InlineData("\u0001\u0002\u0007 <b>bold</b> & <script>")]
    [InlineData("   ")]
    public async Task Private_OddText_GetsAnAnswerTelegramAccepts(string text)
    {
        var user = new TelegramUser(_api, 4005);

        var reply = await user.SendAsync(text);

        Assert.NotEmpty(reply[0].Text);
        Assert.Empty(_api.Violations);
    }

    [Fact]
    public async Task Private_HugeText_RefusedClearly()
    {
        var user = new TelegramUser(_api, 4006);

        var reply = await user.SendAsync(new string('я', 4096));

        Assert.Contains("слишком длинное", reply[0].Text, StringComparison.Ordinal);
        Assert.Empty(_api.Violations);
    }
}
