using System.Text.Json;
using System.Text.RegularExpressions;
using HelpBot.Channels.Discord.Commands;
using HelpBot.Channels.Discord.Tests.Infrastructure;
using HelpBot.Channels.Http;
using HelpBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpBot.Channels.Discord.Tests.Commands;

/// <summary>Command registration through the REST API (a fake on 127.0.0.1), checked against Discord's OpenAPI and command rules.</summary>
public sealed partial class DiscordCommandRegistrarTests
{
    [Fact]
    public async Task RegisterAsync_NoGuild_OverwritesGlobalCommandsWithTheBotToken()
    {
        await using var bot = await DiscordBotServer.StartAsync();

        var count = await bot.Services.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(TestContext.Current.CancellationToken);

        var request = Assert.Single(bot.Api.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/applications/{InteractionJson.ApplicationId}/commands", request.Path);
        Assert.Equal("Bot " + DiscordBotServer.BotToken, request.Authorization);
        DiscordOpenApi.AssertValidRequest(request);
        Assert.Equal(SlashCommandCatalog.All.Count(), count);
    }

    [Fact]
    public async Task RegisterAsync_WithGuild_OverwritesThatGuildsCommands()
    {
        await using var bot = await DiscordBotServer.StartAsync(new Dictionary<string, string?> { ["Discord:GuildId"] = "222222222222222222" });
        var registrar = bot.Services.GetRequiredService<DiscordCommandRegistrar>();

        await registrar.RegisterAsync(TestContext.Current.CancellationToken);

        var request = Assert.Single(bot.Api.Requests);
        Assert.Equal($"/applications/{InteractionJson.ApplicationId}/guilds/222222222222222222/commands", request.Path);
        Assert.Equal("guild 222222222222222222", registrar.Scope);
        DiscordOpenApi.AssertValidRequest(request);
    }

    [Fact]
    public async Task RegisterAsync_RateLimitedOnce_StillRegistersAfterTheWait()
    {
        await using var bot = await DiscordBotServer.StartAsync(time: new VirtualTime());
        bot.Api.Enqueue(FakeResponse.RateLimited(0.05));

        await bot.Services.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(TestContext.Current.CancellationToken);

        var puts = bot.Api.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.Equal(TimeSpan.FromSeconds(0.05), puts[1].At - puts[0].At);
    }

    [Fact]
    public async Task RegisterAsync_Commands_AreTheDialogsLocalizedForRussian()
    {
        await using var bot = await DiscordBotServer.StartAsync();

        await bot.Services.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(TestContext.Current.CancellationToken);

        var commands = JsonDocument.Parse(Assert.Single(bot.Api.Requests).Body).RootElement.EnumerateArray().ToList();
        Assert.Equal(
            ["help", "steps", "consequences", "reasons", "feedback", "ask", "language", "forget", "menu",
             "questions", "answer", "close", "stats", "export", "reload", "forget_user", "review", "faq", "console"],
            commands.Select(c => c.GetProperty("name").GetString()));
        Assert.All(commands.Take(9), c => Assert.False(c.TryGetProperty("default_member_permissions", out _)));
        Assert.All(commands.Skip(9), c => Assert.Equal(SlashCommandCatalog.ModeratorPermissions, c.GetProperty("default_member_permissions").GetUInt32()));
        foreach (var command in commands)
        {
            var ru = command.GetProperty("name_localizations").GetProperty("ru").GetString()!;
            Assert.Matches(CommandName(), ru);
            Assert.Equal(ru, ru.ToLowerInvariant());
            Assert.InRange(command.GetProperty("description_localizations").GetProperty("ru").GetString()!.Length, 1, 100);
            Assert.InRange(command.GetProperty("description").GetString()!.Length, 1, 100);
        }
        var language = commands.Single(c => c.GetProperty("name").GetString() == "language").GetProperty("options")[0];
        Assert.Equal(["ru", "en"], language.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task RegisterAsync_WithoutBotToken_FailsClearly()
    {
        await using var bot = await DiscordBotServer.StartAsync(new Dictionary<string, string?> { ["Discord:BotToken"] = "" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bot.Services.GetRequiredService<DiscordCommandRegistrar>().RegisterAsync(TestContext.Current.CancellationToken));

        Assert.Contains("BotToken", error.Message, StringComparison.Ordinal);
        Assert.Empty(bot.Api.Requests);
    }

    [Fact]
    public async Task RegisterCommandsAtStart_WhenConfigured_RegistersOnceTheBotIsUp()
    {
        await using var bot = await DiscordBotServer.StartAsync(new Dictionary<string, string?> { ["Discord:RegisterCommandsAtStart"] = "true" });

        var puts = await bot.Api.WaitForAsync(r => r.Method == "PUT");

        Assert.Single(puts);
    }

    [Fact]
    public async Task RegisterCommandsAtStart_DiscordFailing_BotServesMeanwhile_AndRegistersOnceDiscordTakesThem()
    {
        // More failures in a row than the retry pipeline gives one call (1 + Discord:MaxRetries): only a setup that keeps trying gets past them.
        var failures = Enumerable.Repeat(new FakeResponse(503), 6).ToArray();
        await using var bot = await DiscordBotServer.StartAsync(new Dictionary<string, string?> { ["Discord:RegisterCommandsAtStart"] = "true" }, script: failures);
        var setup = bot.Services.GetRequiredService<ChannelSetup>();

        await bot.Logs.WaitForAsync("command registration at start failed");
        var whileFailing = setup.Problems;
        var pong = await bot.InteractAsync(InteractionJson.Ping());
        await bot.Time.AdvanceUntilAsync(() => setup.Problems.Count == 0, ChannelSetup.LongestDelay, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, pong.GetProperty("type").GetInt32());
        Assert.StartsWith("discord: setting up; command registration failed: Discord answered 503", Assert.Single(whileFailing), StringComparison.Ordinal);
        Assert.Equal(failures.Length + 1, bot.Api.Requests.Count(r => r.Method == "PUT"));
        Assert.Equal(failures.Length, bot.Logs.Lines.Count(l => l.Contains("at start failed, trying again", StringComparison.Ordinal)));
        Assert.Single(bot.Logs.Lines, l => l.Contains("Registered", StringComparison.Ordinal));
        Assert.DoesNotContain(DiscordBotServer.BotToken, string.Join('\n', bot.Logs.Lines), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[-_\p{L}\p{N}]{1,32}$")]
    private static partial Regex CommandName();
}
