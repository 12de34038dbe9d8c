using System.Diagnostics;
using HelpBot.Channels.Discord.Rendering;
using HelpBot.Channels.Discord.Rest;
using HelpBot.Channels.Discord.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpBot.Channels.Discord.Tests.Rest;

/// <summary>The REST client against a fake Discord on 127.0.0.1: rate-limit headers, 429 retry_after, errors, headers.</summary>
public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private static readonly MessagePayload Message = new("hello", []);

    private DiscordBotServer _bot = null!;

    private DiscordRestClient Client => _bot.Services.GetRequiredService<DiscordRestClient>();

    public async ValueTask InitializeAsync() =>
        _bot = await DiscordBotServer.StartAsync(new Dictionary<string, string?> { ["Discord:MaxRateLimitWait"] = "00:00:02" });

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task CreateFollowup_429WithRetryAfter_RetriesAfterTheWait()
    {
        _bot.Api.Enqueue(FakeResponse.RateLimited(0.3));
        var watch = Stopwatch.StartNew();

        await Client.CreateFollowupAsync("tok", Message, TestContext.Current.CancellationToken);

        Assert.Equal(2, _bot.Api.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"retried after {watch.Elapsed}");
    }

    [Fact]
    public async Task CreateFollowup_BucketExhausted_WaitsForResetAfterBeforeTheNextCall()
    {
        _bot.Api.Enqueue(new FakeResponse(200, "{}", new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = "0.4",
            ["X-RateLimit-Bucket"] = "abc",
        }));
        await Client.CreateFollowupAsync("tok", Message, TestContext.Current.CancellationToken);
        var watch = Stopwatch.StartNew();

        await Client.CreateFollowupAsync("tok", Message, TestContext.Current.CancellationToken);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), $"second call after {watch.Elapsed}");
        Assert.Equal(2, _bot.Api.Requests.Count);
    }

    [Fact]
    public async Task CreateFollowup_GlobalLimitOnOneRoute_HoldsOtherRoutesToo()
    {
        _bot.Api.Enqueue(FakeResponse.RateLimited(0.3, global: true));
        await Client.CreateFollowupAsync("first", Message, TestContext.Current.CancellationToken);
        var requests = _bot.Api.Requests;

        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(280));
    }

    [Fact]
    public async Task CreateFollowup_RetryAfterLongerThanAllowed_FailsWithoutWaiting()
    {
        _bot.Api.Enqueue(FakeResponse.RateLimited(60));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client.CreateFollowupAsync("tok", Message, TestContext.Current.CancellationToken));

        Assert.Equal(429, error.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
        Assert.Single(_bot.Api.Requests);
    }

    [Fact]
    public async Task CreateFollowup_RateLimitedEveryTime_GivesUpAfterTheRetries()
    {
        _bot.Api.Enqueue(Enumerable.Range(0, 5).Select(_ => FakeResponse.RateLimited(0.01)).ToArray());

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client.CreateFollowupAsync("tok", Message, TestContext.Current.CancellationToken));

        Assert.Equal(429, error.Status);
        Assert.Equal(4, _bot.Api.Requests.Count);
    }

    [Fact]
    public async Task EditOriginal_DiscordRefuses_ThrowsWithItsCodeAndNoToken()
    {
        _bot.Api.Enqueue(new FakeResponse(400, """{"code":50035,"message":"Invalid Form Body","errors":{}}"""));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client.EditOriginalAsync("secret-token", Message, TestContext.Current.CancellationToken));

        Assert.Equal(50035, error.Code);
        Assert.DoesNotContain("secret-token", error.Message, StringComparison.Ordinal);
        Assert.Equal("PATCH", _bot.Api.Requests[0].Method);
        Assert.Equal($"/webhooks/{InteractionJson.ApplicationId}/secret-token/messages/@original", _bot.Api.Requests[0].Path);
    }

    [Fact]
    public async Task CreateFollowup_Always_SendsUserAgentAndNoBotToken()
    {
        await Client.CreateFollowupAsync("tok", Message, TestContext.Current.CancellationToken);

        var request = Assert.Single(_bot.Api.Requests);
        Assert.StartsWith("DiscordBot (", request.UserAgent, StringComparison.Ordinal);
        Assert.Null(request.Authorization);
        DiscordOpenApi.AssertValidRequest(request);
    }
}
