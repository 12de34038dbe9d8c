using System.Text.Json;
using HelpBot.Channels.Discord.Commands;
using HelpBot.Channels.Discord.Tests.Infrastructure;
using HelpBot.Engine.Dialog;
using static HelpBot.Channels.Discord.Tests.Infrastructure.CallbackReader;

namespace HelpBot.Channels.Discord.Tests.Interactions;

/// <summary>Slash commands, buttons and modals through the real endpoint and engine, each reply checked against Discord's OpenAPI.</summary>
public sealed class InteractionRouterTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private const int Ephemeral = 64;

    private readonly DiscordBotServer _bot = fixture.Bot!;

    public static TheoryData<string> CommandsAnsweredWithAMessage() =>
        new(SlashCommandCatalog.All.Where(c => c.Audience == Audience.Everyone && c.Name != "ask").Select(c => c.Name));

    public static TheoryData<string> ModeratorCommands() =>
        new(SlashCommandCatalog.All.Where(c => c.Audience == Audience.Moderators).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CommandsAnsweredWithAMessage))]
    public async Task Command_EveryDialogCommand_AnswersWithAnEphemeralMessage(string name)
    {
        var callback = await _bot.InteractAsync(InteractionJson.Command("u-cmd-" + name, name));

        Assert.Equal(4, Type(callback));
        Assert.Equal(Ephemeral, Flags(Data(callback)));
        Assert.NotEmpty(Content(Data(callback)));
        Assert.Empty(Data(callback).GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(ModeratorCommands))]
    public async Task Command_ModeratorCommandFromAUser_IsRefusedByTheEngine(string name)
    {
        var callback = await _bot.InteractAsync(InteractionJson.Command("u-not-mod", name));

        Assert.Equal(4, Type(callback));
        Assert.Contains("for the community's moderators only", Content(Data(callback)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "шаг 1/9")]
    [InlineData("en-US", "step 1/9")]
    [InlineData("en-GB", "step 1/9")]
    public async Task Command_Steps_RepliesInTheInteractionLocale(string locale, string expected)
    {
        var callback = await _bot.InteractAsync(InteractionJson.Command("u-locale-" + locale, "steps", locale));

        Assert.Contains(expected, Content(Data(callback)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Buttons_WholeWalkthrough_UpdateTheSameMessageThenFinish()
    {
        const string user = "u-walk";
        var message = Data(await _bot.InteractAsync(InteractionJson.Command(user, "steps")));
        for (var step = 2; step <= 9; step++)
        {
            var callback = await _bot.InteractAsync(InteractionJson.Button(user, ButtonId(message, "Next")));

            Assert.Equal(7, Type(callback));
            message = Data(callback);
            Assert.Contains($"step {step}/9", Content(message), StringComparison.Ordinal);
            Assert.Equal(0, Flags(message));
        }
        var back = await _bot.InteractAsync(InteractionJson.Button(user, ButtonId(message, "◀ Back")));
        Assert.Contains("step 8/9", Content(Data(back)), StringComparison.Ordinal);
        var last = await _bot.InteractAsync(InteractionJson.Button(user, ButtonId(Data(back), "Next")));

        var finished = await _bot.InteractAsync(InteractionJson.Button(user, ButtonId(Data(last), "Next")));

        // "Done" posts two messages: the first answers the press, the feedback question waits in the outbox and follows through the webhook.
        Assert.Equal(4, Type(finished));
        Assert.Contains("Done!", Content(Data(finished)), StringComparison.Ordinal);
        Assert.InRange(await _bot.DeliverOutboxAsync(), 1, int.MaxValue); // the fixture is shared: other tests' follow-ups may go too
        var followups = await _bot.Api.WaitForAsync(r => r.Body.Contains("Was this guide helpful?", StringComparison.Ordinal));
        var followup = Assert.Single(followups);
        Assert.Equal("POST", followup.Method);
        Assert.StartsWith($"/webhooks/{InteractionJson.ApplicationId}/interaction-token-", followup.Path, StringComparison.Ordinal);
        DiscordOpenApi.AssertValidRequest(followup);
        var body = JsonDocument.Parse(followup.Body).RootElement;
        Assert.Equal(Ephemeral, Flags(body));
        Assert.Equal(["fb:aliexpress:yes", "fb:aliexpress:no"], Buttons(body).Select(b => b.CustomId));
    }

    [Fact]
    public async Task Button_ForgedCustomId_AnswersStaleWithTheMenu()
    {
        var callback = await _bot.InteractAsync(InteractionJson.Button("u-forged", "step:aliexpress:999"));

        Assert.Equal(4, Type(callback));
        Assert.Contains("outdated", Content(Data(callback)), StringComparison.Ordinal);
        Assert.Contains(Buttons(Data(callback)), b => b.CustomId == "steps:aliexpress");
    }

    [Fact]
    public async Task Ask_WithoutQuestion_OpensModalAndSubmitSavesTheQuestion()
    {
        const string user = "u-ask";
        var modal = await _bot.InteractAsync(InteractionJson.Command(user, "ask"));
        Assert.Equal(9, Type(modal));
        Assert.Equal("ask", Data(modal).GetProperty("custom_id").GetString());
        var input = Data(modal).GetProperty("components")[0].GetProperty("component");
        Assert.Equal("text", input.GetProperty("custom_id").GetString());

        var saved = await _bot.InteractAsync(InteractionJson.ModalSubmit(user, "ask", "Can I keep my coupons?"));

        Assert.Equal(4, Type(saved));
        Assert.Contains("has been passed to the moderators", Content(Data(saved)), StringComparison.Ordinal);
        var question = Assert.Single(_bot.Store.Questions, q => q.UserKey == "discord:" + user);
        Assert.Equal("Can I keep my coupons?", question.Text);
        Assert.Equal("700000000000000007", question.ChatId);
        Assert.Equal("Tester", question.DisplayName);
    }

    [Fact]
    public async Task Ask_EngineAskButton_OpensTheModalInTheUsersLanguage()
    {
        var modal = await _bot.InteractAsync(InteractionJson.Button("u-ask-ru", "ask", "ru"));

        Assert.Equal(9, Type(modal));
        Assert.Equal("Задать вопрос", Data(modal).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Ask_WithQuestionOption_SavesItAtOnce()
    {
        var callback = await _bot.InteractAsync(InteractionJson.Command("u-ask-opt", "ask", "en-US", ("question", "How long does deletion take?")));

        Assert.Contains("has been passed to the moderators", Content(Data(callback)), StringComparison.Ordinal);
        Assert.Contains(_bot.Store.Questions, q => q.Text == "How long does deletion take?");
    }

    [Fact]
    public async Task Ask_EmptyModalSubmit_AnswersWithTheEmptyMessageHint()
    {
        var callback = await _bot.InteractAsync(InteractionJson.ModalSubmit("u-ask-empty", "ask", "   "));

        Assert.Contains("The message is empty", Content(Data(callback)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_WithQuestion_IsAnsweredByTextUnderstanding()
    {
        var callback = await _bot.InteractAsync(InteractionJson.Command("u-help-q", "help", "en-US", ("question", TestUnderstanding.KnownPhrase)));

        Assert.Contains("step 1/9", Content(Data(callback)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_WithOption_SwitchesAndLaterRepliesFollowIt()
    {
        const string user = "u-lang";
        var switched = await _bot.InteractAsync(InteractionJson.Command(user, "language", "ru", ("language", "en")));
        Assert.Contains("Language switched to English", Content(Data(switched)), StringComparison.Ordinal);

        var steps = await _bot.InteractAsync(InteractionJson.Command(user, "steps", "ru"));

        Assert.Contains("step 1/9", Content(Data(steps)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_No_OffersACommentModalAndSavesTheComment()
    {
        const string user = "u-fb";
        var answer = await _bot.InteractAsync(InteractionJson.Button(user, "fb:aliexpress:no"));
        Assert.Equal(["comment", "skip", "menu"], Buttons(Data(answer)).Select(b => b.CustomId));

        var modal = await _bot.InteractAsync(InteractionJson.Button(user, "comment"));
        Assert.Equal(9, Type(modal));
        var saved = await _bot.InteractAsync(InteractionJson.ModalSubmit(user, "comment", "The form looked different"));

        Assert.Contains("your comment is saved", Content(Data(saved)), StringComparison.Ordinal);
        var feedback = Assert.Single(_bot.Store.Feedback, f => f.UserKey == "discord:" + user);
        Assert.False(feedback.Helpful);
        Assert.Equal("The form looked different", feedback.Comment);
    }

    [Fact]
    public async Task Forget_AfterAQuestion_RemovesTheUsersData()
    {
        const string user = "u-forget";
        await _bot.InteractAsync(InteractionJson.Command(user, "ask", "en-US", ("question", "Something to forget")));

        var callback = await _bot.InteractAsync(InteractionJson.Command(user, "forget"));

        Assert.Contains("All data about you has been deleted", Content(Data(callback)), StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Store.Questions, q => q.UserKey == "discord:" + user);
    }

    [Fact]
    public async Task Command_Unknown_AnswersWithTheEnginesUnknownCommandText()
    {
        var callback = await _bot.InteractAsync(InteractionJson.Command("u-unknown", "dance"));

        Assert.Contains("I don't know the command /dance", Content(Data(callback)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@everyone look <@123456789012345678> **bold** _it_ ~~x~~ ||spoiler|| # head")]
    [InlineData("🙂👍🏽 emoji and \u0007 control \u200B characters")]
    public async Task Ask_HostileText_IsEscapedAndPingsNobody(string question)
    {
        var callback = await _bot.InteractAsync(InteractionJson.Command("u-hostile", "ask", "en-US", ("question", question)));

        Assert.Equal(4, Type(callback));
        Assert.Empty(Data(callback).GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Contains(_bot.Store.Questions, q => q.UserKey == "discord:u-hostile" && q.Text.Length > 0);
    }

    [Fact]
    public async Task Help_QuestionOverTheLimit_GetsTheTooLongReply()
    {
        var callback = await _bot.InteractAsync(InteractionJson.Command("u-long", "help", "en-US", ("question", new string('q', 5000))));

        Assert.Contains("too long", Content(Data(callback)), StringComparison.Ordinal);
    }
}
