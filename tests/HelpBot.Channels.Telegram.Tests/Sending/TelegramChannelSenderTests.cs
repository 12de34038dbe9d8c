using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Exceptions;
using FakeFault = HelpBot.Channels.Telegram.FakeBotApi.Fault;

namespace HelpBot.Channels.Telegram.Tests.Sending;

/// <summary>The outbox's Telegram sender: posts to moderators' chats and answers to askers, or throws for a retry later.</summary>
public sealed class TelegramChannelSenderTests
{
    private const long ModeratorsChat = -1009876543210;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_QuestionPost_SentWithItsButtonAndItsIdReturned()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var sender = Sender(rig);
        var post = Outbox(new OutgoingMessage("❓ **Вопрос Q1** от User1:\nкак <удалить>?", [[new Button("Ответить", "answerq:Q1")]]));

        var id = await sender.SendAsync(post, Cancel);

        var sent = Assert.Single(rig.Api.Messages(ModeratorsChat));
        Assert.Equal(sent.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture), id);
        Assert.Equal("❓ Вопрос Q1 от User1:\nкак <удалить>?", sent.Text);
        Assert.Equal("answerq:Q1", sent.ButtonData("Ответить"));
        Assert.Equal("telegram", sender.Channel);
        Assert.Empty(rig.Api.Violations);
    }

    [Fact]
    public async Task SendAsync_TelegramRefuses_Throws()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        rig.Api.Fail("sendMessage", FakeFault.BadRequest("chat not found"));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Sender(rig).SendAsync(Outbox(new OutgoingMessage("answer")), Cancel));

        Assert.Contains("chat not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NotAChatId_Throws()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var post = Outbox(new OutgoingMessage("answer"));
        post.ChatId = "general";

        await Assert.ThrowsAsync<FormatException>(() => Sender(rig).SendAsync(post, Cancel));
        Assert.Empty(rig.Api.Calls("sendMessage"));
    }

    private static IChannelSender Sender(TelegramTestRig rig) =>
        rig.Bot.Services.GetServices<IChannelSender>().Single(s => s.Channel == "telegram");

    private static OutboxMessage Outbox(OutgoingMessage message) => new()
    {
        Id = "o1",
        Channel = "telegram",
        ChatId = ModeratorsChat.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Purpose = OutboxPurpose.QuestionPosted,
        QuestionId = "Q1",
        Text = message.Text,
        Buttons = OutboxMessage.ButtonsOf(message),
    };
}
