using System.Collections.Concurrent;
using HelpBot.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HelpBot.Tests.Commands;

/// <summary><c>helpbot discord register-commands</c> against a stand-in for Discord's REST API on 127.0.0.1.</summary>
public sealed class DiscordRegisterCommandsCommandTests : IAsyncLifetime
{
    private const string PublicKey = "6a2f1e7c9d6b4c0f8e3a5b7d9c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e";

    private readonly ConcurrentQueue<string> _requests = new();
    private WebApplication _discord = null!;
    private string _baseUrl = "";

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _discord = builder.Build();
        _discord.Run(context =>
        {
            _requests.Enqueue($"{context.Request.Method} {context.Request.Path} {context.Request.Headers.Authorization}");
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("[]");
        });
        await _discord.StartAsync(TestContext.Current.CancellationToken);
        _baseUrl = _discord.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/api/v10";
    }

    [Fact]
    public async Task RunAsync_Configured_OverwritesTheGlobalCommands()
    {
        var exit = await DiscordRegisterCommandsCommand.RunAsync(Args("--Discord:BotToken=cli-token"));

        Assert.Equal(0, exit);
        Assert.Equal(["PUT /api/v10/applications/100000000000000001/commands Bot cli-token"], _requests);
    }

    [Fact]
    public async Task RunAsync_WithoutBotToken_ExitsWithUsageErrorAndCallsNothing()
    {
        var exit = await DiscordRegisterCommandsCommand.RunAsync(Args());

        Assert.Equal(2, exit);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task RunAsync_InvalidOptions_ExitsWithUsageError()
    {
        var exit = await DiscordRegisterCommandsCommand.RunAsync([.. Args("--Discord:BotToken=t"), "--Discord:PublicKey=nothex"]);

        Assert.Equal(2, exit);
        Assert.Empty(_requests);
    }

    private string[] Args(params string[] more) =>
    [
        "--Discord:ApplicationId=100000000000000001",
        "--Discord:PublicKey=" + PublicKey,
        "--Discord:ApiBaseUrl=" + _baseUrl,
        "--Content:Path=" + RepositoryPaths.Content,
        .. more,
    ];

    public async ValueTask DisposeAsync()
    {
        await _discord.StopAsync(CancellationToken.None);
        await _discord.DisposeAsync();
    }
}
