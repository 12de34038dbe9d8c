using System.Text.Json;
using HelpBot.Channels.Discord.Tests.Infrastructure;
using HelpBot.Engine.Content;
using HelpBot.Testing;
using HelpBot.Tests;
using HelpBot.Engine.Understanding;
using Microsoft.Extensions.DependencyInjection;
using static HelpBot.Channels.Discord.Tests.Infrastructure.CallbackReader;

namespace HelpBot.Channels.Discord.Tests.Interactions;

/// <summary>The 3-second rule and Discord's 2000 characters: deferral, follow-ups through the webhook, splitting without loss.</summary>
public sealed class InteractionResponderTests(InteractionResponderTests.Server server) : IClassFixture<InteractionResponderTests.Server>
{
    private readonly DiscordBotServer _bot = server.Bot!;

    [Fact]
    public async Task Help_ReplySlowerThanDeferAfter_DefersThenEditsTheOriginal()
    {
        var understanding = (TestUnderstanding)_bot.Services.GetRequiredService<ITextUnderstanding>();
        var time = (WatchedTime)_bot.Time;
        var deferTimer = time.WhenTimerSet(Server.DeferAfter);

        // The reply is held in the understanding until after the bot's clock has passed DeferAfter.
        var answering = _bot.InteractAsync(InteractionJson.Command("u-slow", "help", "en-US", ("question", "a slow question")));
        await deferTimer.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        time.Advance(Server.DeferAfter);
        var callback = await answering;
        understanding.LetSlowTextsFinish();

        Assert.Equal(5, Type(callback));
        Assert.Equal(64, Flags(Data(callback)));
        var edit = Assert.Single(await _bot.Api.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal)));
        DiscordOpenApi.AssertValidRequest(edit);
        Assert.Contains("couldn't find an answer", Content(JsonDocument.Parse(edit.Body).RootElement), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_HostStopsWhileADeferredReplyIsUnfinished_TheReplyStillArrives()
    {
        var time = new WatchedTime(VirtualTime.DefaultStart);
        var bot = await DiscordBotServer.StartAsync(new Dictionary<string, string?> { ["Discord:DeferAfter"] = "00:00:00.200" }, time);
        var understanding = (TestUnderstanding)bot.Services.GetRequiredService<ITextUnderstanding>();
        var deferTimer = time.WhenTimerSet(Server.DeferAfter);
        var answering = bot.InteractAsync(InteractionJson.Command("u-deploy", "help", "en-US", ("question", "a slow question")));
        await deferTimer.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        time.Advance(Server.DeferAfter);
        Assert.Equal(5, Type(await answering));

        // A deploy stops the host while the user looks at "thinking…": the reply is finished, not dropped.
        var stopping = bot.DisposeAsync();
        await bot.Logs.WaitForAsync("finishing 1 Discord follow-ups");
        understanding.LetSlowTextsFinish();
        await stopping;

        var edit = Assert.Single(bot.Api.Requests, r => r.Method == "PATCH" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal));
        Assert.Contains("couldn't find an answer", Content(JsonDocument.Parse(edit.Body).RootElement), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Button_ReplyReady_IsAnsweredInTheResponseWithoutDeferring()
    {
        var callback = await _bot.InteractAsync(InteractionJson.Button("u-fast", "step:aliexpress:3"));

        Assert.Equal(7, Type(callback));
    }

    [Fact]
    public async Task Reasons_LongerThanOneMessage_AreSplitWithNothingLost()
    {
        const string user = "u-reasons";
        var callback = await _bot.InteractAsync(InteractionJson.Command(user, "reasons", "ru"));
        var first = Data(callback);
        // Only this test's follow-up: an earlier test's deferred edit (PATCH) may still arrive on the shared fake.
        var followups = await _bot.Api.WaitForAsync(r => r.Method == "POST" && r.Body.Contains("step:aliexpress:8", StringComparison.Ordinal));

        Assert.True(Content(first).Length is > 1000 and <= 2000, $"first part has {Content(first).Length} characters");
        var rest = Assert.Single(followups);
        DiscordOpenApi.AssertValidRequest(rest);
        var restBody = JsonDocument.Parse(rest.Body).RootElement;
        Assert.Equal(64, Flags(restBody));
        Assert.Empty(Buttons(first));
        Assert.Contains(Buttons(restBody), b => b.CustomId == "step:aliexpress:8");
        var whole = Content(first) + "\n\n" + Content(restBody);
        var catalog = ContentLoader.Load(RepositoryPaths.Content);
        foreach (var option in catalog.Languages["ru"].Guides["aliexpress"].Reasons!.Options)
            Assert.Contains(option.Translation.Replace("*", "\\*", StringComparison.Ordinal), whole, StringComparison.Ordinal);
    }

    /// <summary>A bot on a clock the test moves: a reply is deferred only when the test moves it past <see cref="DeferAfter"/>.</summary>
    public sealed class Server : BotFixture
    {
        public static readonly TimeSpan DeferAfter = TimeSpan.FromMilliseconds(200);

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Discord:DeferAfter"] = "00:00:00.200" };

        protected override VirtualTime? Time { get; } = new WatchedTime(VirtualTime.DefaultStart);
    }
}
