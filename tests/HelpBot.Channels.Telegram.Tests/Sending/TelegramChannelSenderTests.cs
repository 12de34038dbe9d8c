using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Exceptions;
using FakeFault = HelpBot.Channels.Telegram.FakeBotApi.Fault;

namespace HelpBot.Channels.Telegram.Tests.Sending;

/// <summary>The outbox's Telegram sender: replies, posts to moderators' chats and answers to askers; it says whether to try again.</summary>
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

        var outcome = await sender.SendAsync(post, Cancel);

        var sent = Assert.Single(rig.Api.Messages(ModeratorsChat));
        Assert.Equal((SendStatus.Sent, sent.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (outcome.Status, outcome.ChannelMessageId));
        Assert.Equal("❓ Вопрос Q1 от User1:\nкак <удалить>?", sent.Text);
        Assert.Equal("answerq:Q1", sent.ButtonData("Ответить"));
        Assert.Equal("telegram", sender.Channel);
        Assert.Empty(rig.Api.Violations);
    }

    [Fact]
    public async Task SendAsync_TelegramRefuses_RefusedForGood()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        rig.Api.Fail("sendMessage", FakeFault.BadRequest("chat not found"));

        var outcome = await Sender(rig).SendAsync(Outbox(new OutgoingMessage("answer")), Cancel);

        Assert.Equal(SendStatus.Refused, outcome.Status);
        Assert.Contains("chat not found", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TooManyRequests_TryLaterAfterTelegramsRetryAfter()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        rig.Api.Fail("sendMessage", FakeFault.TooManyRequests(120), times: 5);

        var outcome = await Sender(rig).SendAsync(Outbox(new OutgoingMessage("answer")), Cancel);

        Assert.Equal((SendStatus.TryLater, TimeSpan.FromSeconds(120)), (outcome.Status, outcome.RetryAfter));
        Assert.Single(rig.Api.Calls("sendMessage"));
    }

    [Fact]
    public async Task SendAsync_ServerError_TriedOnce_TheOutboxTriesAgain()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        rig.Api.Fail("sendMessage", FakeFault.ServerError(500), times: 5);

        var outcome = await Sender(rig).SendAsync(Outbox(new OutgoingMessage("answer")), Cancel);

        // One call per outbox attempt: a retry under the outbox's own would multiply the calls during an outage.
        Assert.Equal(SendStatus.TryLater, outcome.Status);
        Assert.Equal([500], rig.Api.Calls("sendMessage").Select(c => c.Status));
    }

    [Fact]
    public async Task SendAsync_NoConnection_TryLater()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        rig.Api.Fail("sendMessage", FakeFault.ConnectionDrop(), times: 5);

        var outcome = await Sender(rig).SendAsync(Outbox(new OutgoingMessage("answer")), Cancel);

        Assert.Equal(SendStatus.TryLater, outcome.Status);
    }

    [Fact]
    public async Task SendAsync_NotAChatId_RefusedWithoutACall()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var post = Outbox(new OutgoingMessage("answer"));
        post.ChatId = "general";

        Assert.Equal(SendStatus.Refused, (await Sender(rig).SendAsync(post, Cancel)).Status);
        Assert.Empty(rig.Api.Calls("sendMessage"));
    }

    [Fact]
    public async Task SendAsync_ReplyThatEditsInPlace_ReplacesThePressedMessage_AndSentAgainChangesNothing()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var first = Outbox(new OutgoingMessage("step 1"));
        var pressed = int.Parse((await Sender(rig).SendAsync(first, Cancel)).ChannelMessageId!, System.Globalization.CultureInfo.InvariantCulture);
        var screen = Outbox(new OutgoingMessage("step 2", [[new Button("Next", "step:g:3")]]));
        screen.Purpose = OutboxPurpose.Reply;
        screen.EditMessageId = pressed.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var edited = await Sender(rig).SendAsync(screen, Cancel);
        var again = await Sender(rig).SendAsync(screen, Cancel); // as after a crash before it was marked sent

        Assert.Equal((SendStatus.Sent, SendStatus.Sent), (edited.Status, again.Status));
        var message = Assert.Single(rig.Api.Messages(ModeratorsChat));
        Assert.Equal(("step 2", "step:g:3"), (message.Text, message.ButtonData("Next")));
        Assert.Single(rig.Api.Calls("editMessageText"), c => c.Status == 200);
    }

    [Fact]
    public async Task SendAsync_PressedMessageGone_SendsTheScreenAsANewMessage()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var screen = Outbox(new OutgoingMessage("step 2"));
        screen.EditMessageId = "4242";

        Assert.Equal(SendStatus.Sent, (await Sender(rig).SendAsync(screen, Cancel)).Status);

        Assert.Equal("step 2", Assert.Single(rig.Api.Messages(ModeratorsChat)).Text);
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
