using System.Globalization;
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
        var callback = await AskSlowlyAsync(_bot, "u-slow");
        Understanding(_bot).LetSlowTextsFinish();

        Assert.Equal(5, Type(callback));
        Assert.Equal(64, Flags(Data(callback)));
        var edit = Assert.Single(await _bot.Api.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal)));
        DiscordOpenApi.AssertValidRequest(edit);
        Assert.Contains("couldn't find an answer", Content(JsonDocument.Parse(edit.Body).RootElement), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_HostStopsWhileADeferredReplyIsUnfinished_TheReplyStillArrives()
    {
        // A bot of its own, as this test stops it.
        var bot = await DiscordBotServer.StartAsync(Server.DeferSettings, Server.NewClock());
        Assert.Equal(5, Type(await AskSlowlyAsync(bot, "u-deploy")));

        // A deploy stops the host while the user looks at "thinking…": the reply is finished, not dropped.
        var stopping = bot.DisposeAsync();
        await bot.Logs.WaitForAsync("finishing 1 Discord follow-ups");
        Understanding(bot).LetSlowTextsFinish();
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

    private static TestUnderstanding Understanding(DiscordBotServer bot) => (TestUnderstanding)bot.Services.GetRequiredService<ITextUnderstanding>();

    /// <summary>
    /// Asks /help a question the understanding holds until released, and moves the bot's clock past
    /// <see cref="Server.DeferAfter"/> once the deferral is waiting on it: the response defers.
    /// </summary>
    private static async Task<JsonElement> AskSlowlyAsync(DiscordBotServer bot, string user)
    {
        var time = (WatchedTime)bot.Time;
        var deferTimer = time.WhenTimerSet(Server.DeferAfter);
        var answering = bot.InteractAsync(InteractionJson.Command(user, "help", "en-US", ("question", "a slow question")));
        await deferTimer.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        time.Advance(Server.DeferAfter);
        return await answering;
    }

    /// <summary>A bot on a clock the test moves: a reply is deferred only when the test moves it past <see cref="DeferAfter"/>.</summary>
    public sealed class Server : BotFixture
    {
        public static readonly TimeSpan DeferAfter = TimeSpan.FromMilliseconds(200);

        public static IDictionary<string, string?> DeferSettings => new Dictionary<string, string?> { ["Discord:DeferAfter"] = DeferAfter.ToString("c", CultureInfo.InvariantCulture) };

        public static WatchedTime NewClock() => new(VirtualTime.DefaultStart);

        protected override IDictionary<string, string?> Settings => DeferSettings;

        protected override VirtualTime? Time { get; } = NewClock();
    }
}
