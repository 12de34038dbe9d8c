using System.Text.Json;
using HelpBot.Channels.Discord.Tests.Infrastructure;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using static HelpBot.Channels.Discord.Tests.Infrastructure.CallbackReader;

namespace HelpBot.Channels.Discord.Tests.Interactions;

/// <summary>
/// Moderators on Discord: the flag from configured user and role ids, answers typed into a modal, files from /stats
/// and /export uploaded through the webhook, and the outbox posted as the bot (questions to a channel, answers by DM).
/// </summary>
public sealed class ModerationTests : IAsyncLifetime
{
    private DiscordBotServer _bot = null!;

    public async ValueTask InitializeAsync() => _bot = await DiscordBotServer.StartAsync();

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task AnswerButton_Moderator_OpensModalAndTheAnswerIsQueuedForTheAsker()
    {
        var id = await AskAsync("200000000000000001", "Can I undo the deletion?");
        var list = await _bot.InteractAsync(InteractionJson.Command(DiscordBotServer.ModeratorId, "questions"));
        Assert.Contains(Buttons(Data(list)), b => b.CustomId == "answer:" + id);

        var modal = await _bot.InteractAsync(InteractionJson.Button(DiscordBotServer.ModeratorId, "answer:" + id));
        Assert.Equal(9, Type(modal));
        Assert.Equal("answer:" + id, Data(modal).GetProperty("custom_id").GetString());
        Assert.Equal("Can I undo the deletion?", Data(modal).GetProperty("components")[0].GetProperty("description").GetString());
        var sent = await _bot.InteractAsync(InteractionJson.ModalSubmit(DiscordBotServer.ModeratorId, "answer:" + id, "No, deletion is final."));

        Assert.Contains($"The answer to question {id} has been sent", Content(Data(sent)), StringComparison.Ordinal);
        var delivery = Assert.Single(await _bot.Store.PendingOutboxAsync("default", TestContext.Current.CancellationToken), o => o.Purpose == OutboxPurpose.AnswerDelivery);
        Assert.Equal("200000000000000001", delivery.RecipientUserId);
    }

    [Fact]
    public async Task AnswerButton_OrdinaryUser_GetsTheEnginesRefusalNotAModal()
    {
        var id = await AskAsync("200000000000000002", "Question?");

        var callback = await _bot.InteractAsync(InteractionJson.Button("200000000000000008", "answer:" + id));

        Assert.Equal(4, Type(callback));
        Assert.Contains("moderators only", Content(Data(callback)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerCommand_ModeratorByRoleWithoutText_OpensTheModal()
    {
        var id = await AskAsync("200000000000000003", "Question?");

        var modal = await _bot.InteractAsync(InteractionJson.CommandWithRoles("200000000000000009", [DiscordBotServer.ModeratorRoleId], "answer", "en-US", ("question", id.ToLowerInvariant())));

        Assert.Equal(9, Type(modal));
        Assert.Equal("answer:" + id, Data(modal).GetProperty("custom_id").GetString());
    }

    [Theory]
    [InlineData(InteractionJson.GuildId, "8192", true)]
    [InlineData(InteractionJson.GuildId, "2048", false)]
    [InlineData("510000000000000051", "8192", false)]
    public async Task Questions_ManageMessagesInTheConfiguredServer_MakesAModerator(string guild, string permissions, bool moderator)
    {
        await using var bot = await DiscordBotServer.StartAsync(new Dictionary<string, string?> { ["Discord:GuildId"] = guild });

        var callback = await bot.InteractAsync(InteractionJson.CommandAsMember("200000000000000010", [], permissions, "questions"));

        Assert.Equal(moderator, !Content(Data(callback)).Contains("moderators only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswerCommand_WithText_AnswersAtOnce()
    {
        var id = await AskAsync("200000000000000004", "Question?");

        var callback = await _bot.InteractAsync(InteractionJson.Command(DiscordBotServer.ModeratorId, "answer", "en-US", ("question", id), ("text", "Yes.")));

        Assert.Contains("has been sent to the user", Content(Data(callback)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_Moderator_TextInTheResponseAndTheChartUploadedThroughTheWebhook()
    {
        var callback = await _bot.InteractAsync(InteractionJson.Command(DiscordBotServer.ModeratorId, "stats", "en-US", ("days", "7")));

        Assert.Equal(4, Type(callback));
        var upload = Assert.Single(await _bot.Api.WaitForAsync(r => r.Files.Count > 0));
        Assert.Equal("POST", upload.Method);
        Assert.StartsWith("multipart/form-data", upload.ContentType, StringComparison.Ordinal);
        Assert.Equal(("files[0]", "stats.png", 4L), Assert.Single(upload.Files));
        DiscordOpenApi.AssertValidRequest(upload);
        Assert.Equal("stats.png", JsonDocument.Parse(upload.Body).RootElement.GetProperty("attachments")[0].GetProperty("filename").GetString());
    }

    [Fact]
    public async Task Export_Moderator_UploadsThreeCsvFilesInOneMessage()
    {
        await _bot.InteractAsync(InteractionJson.Command(DiscordBotServer.ModeratorId, "export"));

        var upload = Assert.Single(await _bot.Api.WaitForAsync(r => r.Files.Count > 0));
        Assert.Equal(["feedback.csv", "questions.csv", "unmatched.csv"], upload.Files.Select(f => f.FileName));
        DiscordOpenApi.AssertValidRequest(upload);
    }

    [Fact]
    public async Task Outbox_QuestionPost_GoesToTheModeratorsChannelWithAnAnswerButton()
    {
        var id = await AskAsync("200000000000000005", "Posted?");
        var post = Assert.Single(await _bot.Store.PendingOutboxAsync("default", TestContext.Current.CancellationToken), o => o.Purpose == OutboxPurpose.QuestionPosted && o.QuestionId == id);

        var outcome = await Sender.SendAsync(post, TestContext.Current.CancellationToken);

        var request = Assert.Single(_bot.Api.Requests);
        Assert.Equal($"/channels/{DiscordBotServer.ModeratorsChannelId}/messages", request.Path);
        Assert.Equal("Bot " + DiscordBotServer.BotToken, request.Authorization);
        DiscordOpenApi.AssertValidRequest(request);
        Assert.Equal(["answer:" + id], Buttons(JsonDocument.Parse(request.Body).RootElement).Select(b => b.CustomId));
        Assert.Equal((SendStatus.Sent, "990000000000000099"), (outcome.Status, outcome.ChannelMessageId));
    }

    [Fact]
    public async Task Outbox_AnswerDelivery_GoesToTheAskerByDirectMessage()
    {
        var id = await AskAsync("200000000000000006", "DM me?");
        await _bot.InteractAsync(InteractionJson.Command(DiscordBotServer.ModeratorId, "answer", "en-US", ("question", id), ("text", "Done.")));
        var delivery = Assert.Single(await _bot.Store.PendingOutboxAsync("default", TestContext.Current.CancellationToken), o => o.Purpose == OutboxPurpose.AnswerDelivery);

        await Sender.SendAsync(delivery, TestContext.Current.CancellationToken);

        var requests = _bot.Api.Requests.Where(r => r.Path.StartsWith("/users", StringComparison.Ordinal) || r.Path.StartsWith("/channels", StringComparison.Ordinal)).ToList();
        Assert.Equal(["POST /users/@me/channels", "POST /channels/990000000000000099/messages"], requests.Select(r => r.Method + " " + r.Path));
        Assert.Equal("200000000000000006", JsonDocument.Parse(requests[0].Body).RootElement.GetProperty("recipient_id").GetString());
        Assert.All(requests, DiscordOpenApi.AssertValidRequest);
        Assert.Equal([$"rate:{id}:yes", $"rate:{id}:no"], Buttons(JsonDocument.Parse(requests[1].Body).RootElement).Select(b => b.CustomId));
    }

    [Fact]
    public async Task Outbox_DiscordRefusesTheDirectMessage_TheOutboxGivesItUp()
    {
        var id = await AskAsync("200000000000000007", "Question?");
        await _bot.InteractAsync(InteractionJson.Command(DiscordBotServer.ModeratorId, "answer", "en-US", ("question", id), ("text", "Answer.")));
        var delivery = Assert.Single(await _bot.Store.PendingOutboxAsync("default", TestContext.Current.CancellationToken), o => o.Purpose == OutboxPurpose.AnswerDelivery);
        _bot.Api.Enqueue(FakeResponse.Ok, new FakeResponse(403, """{"code":50007,"message":"Cannot send messages to this user"}"""));

        var outcome = await Sender.SendAsync(delivery, TestContext.Current.CancellationToken);

        Assert.Equal(SendStatus.Refused, outcome.Status);
        Assert.Contains("code 50007", outcome.Reason, StringComparison.Ordinal);
    }

    private IChannelSender Sender => _bot.Services.GetServices<IChannelSender>().Single(s => s.Channel == "discord");

    public static TheoryData<string, string[]> ModeratorCommands() => new()
    {
        { "questions", [] },
        { "answer", ["question=QABCDE", "text=An answer"] },
        { "close", ["question=QABCDE"] },
        { "stats", ["days=7"] },
        { "export", [] },
        { "reload", [] },
        { "forget_user", ["user=discord:200000000000000001"] },
    };

    [Theory]
    [MemberData(nameof(ModeratorCommands))]
    public async Task EveryModeratorCommand_OrdinaryMember_PlainRefusalAndNothingElse(string command, string[] options)
    {
        var callback = await _bot.InteractAsync(InteractionJson.Command("200000000000000077", command, "en-US",
            [.. options.Select(o => (o.Split('=')[0], o.Split('=')[1]))]));

        Assert.Equal(4, Type(callback));
        Assert.Equal("This command is for the community's moderators only.", Content(Data(callback)));
        Assert.DoesNotContain(_bot.Api.Requests, r => r.Files.Count > 0);
    }

    private async Task<string> AskAsync(string user, string question)
    {
        await _bot.InteractAsync(InteractionJson.Command(user, "ask", "en-US", ("question", question)));
        return _bot.Store.Questions.Single(q => q.UserKey == "discord:" + user).Id;
    }
}
