using HelpBot.Channels.Discord.Rendering;
using HelpBot.Channels.Discord.Rest;
using HelpBot.Channels.Discord.Tests.Infrastructure;
using HelpBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpBot.Channels.Discord.Tests.Rest;

/// <summary>
/// The REST client against a fake Discord on 127.0.0.1: rate-limit headers, 429 retry_after, errors, headers. The bot
/// runs on a virtual clock the fake dates its requests by: waits take no real time, and the requests show how long they were.
/// </summary>
public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private static readonly MessagePayload Message = new("hello", []);

    private DiscordBotServer _bot = null!;

    /// <summary>The client of the calls nothing else retries.</summary>
    private DiscordRestClient Client => _bot.Services.GetRequiredService<DiscordRestClient>();

    /// <summary>The outbox's client: one attempt per call.</summary>
    private DiscordRestClient OutboxClient => _bot.Services.GetRequiredKeyedService<DiscordRestClient>(DiscordHttp.Once);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _bot = await DiscordBotServer.StartAsync(new Dictionary<string, string?> { ["Discord:MaxRetryWait"] = "00:00:02" }, new VirtualTime());

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task CreateFollowup_429WithRetryAfter_RetriesAfterTheWait()
    {
        _bot.Api.Enqueue(FakeResponse.RateLimited(0.3));

        await Client.CreateFollowupAsync("tok", Message, Cancel);

        var requests = _bot.Api.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(0.3), requests[1].At - requests[0].At);
        Assert.Contains(_bot.Logs.Lines, l => l.Contains("POST /webhooks/{application_id}/{interaction_token} failed (try 1 of 4), trying again in 0.3 s: HTTP 429", StringComparison.Ordinal));
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
        await Client.CreateFollowupAsync("tok", Message, Cancel);

        await Client.CreateFollowupAsync("tok", Message, Cancel);

        var requests = _bot.Api.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(0.4), requests[1].At - requests[0].At);
    }

    [Fact]
    public async Task CreateMessage_GlobalLimitOnOneRoute_HoldsOtherRoutesToo()
    {
        _bot.Api.Enqueue(FakeResponse.RateLimited(0.3, global: true));
        await Assert.ThrowsAsync<DiscordRestException>(() => OutboxClient.CreateMessageAsync("800000000000000008", Message, Cancel));

        await Client.CreateFollowupAsync("other-route", Message, Cancel);

        var requests = _bot.Api.Requests;
        Assert.Equal(2, requests.Count);
        Assert.NotEqual(requests[0].Path, requests[1].Path);
        Assert.Equal(TimeSpan.FromSeconds(0.3), requests[1].At - requests[0].At);
    }

    [Fact]
    public async Task CreateFollowup_RetryAfterLongerThanAllowed_FailsWithoutWaiting()
    {
        _bot.Api.Enqueue(FakeResponse.RateLimited(60));
        var start = _bot.Time.GetUtcNow();

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client.CreateFollowupAsync("tok", Message, Cancel));

        Assert.Equal((429, TimeSpan.FromSeconds(60)), (error.Status, error.RetryAfter));
        Assert.Single(_bot.Api.Requests);
        Assert.Equal(start, _bot.Time.GetUtcNow());
    }

    [Fact]
    public async Task CreateFollowup_RateLimitedEveryTime_GivesUpAfterTheRetries()
    {
        _bot.Api.Enqueue(Enumerable.Range(0, 5).Select(_ => FakeResponse.RateLimited(0.01)).ToArray());

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client.CreateFollowupAsync("tok", Message, Cancel));

        Assert.Equal(429, error.Status);
        Assert.Equal(4, _bot.Api.Requests.Count);
    }

    [Fact]
    public async Task EditOriginal_ServerErrorEveryTime_TriedABoundedNumberOfTimes()
    {
        _bot.Api.Enqueue(Enumerable.Range(0, 6).Select(_ => new FakeResponse(500, """{"message":"Internal Server Error","code":0}""")).ToArray());

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client.EditOriginalAsync("tok", Message, Cancel));

        Assert.Equal(500, error.Status);
        Assert.Equal(4, _bot.Api.Requests.Count);
    }

    [Fact]
    public async Task EditOriginal_ServerErrorOnce_RetriedAndDelivered()
    {
        _bot.Api.Enqueue(new FakeResponse(502, "<html>Bad Gateway</html>"));

        await Client.EditOriginalAsync("tok", Message, Cancel);

        Assert.Equal(2, _bot.Api.Requests.Count);
    }

    [Fact]
    public async Task OutboxClient_ServerErrorOr429_TriedOnce_TheOutboxTriesAgain()
    {
        _bot.Api.Enqueue(new FakeResponse(500, "{}"), FakeResponse.RateLimited(0.5));

        var serverError = await Assert.ThrowsAsync<DiscordRestException>(() => OutboxClient.CreateMessageAsync("800000000000000008", Message, Cancel));
        var rateLimited = await Assert.ThrowsAsync<DiscordRestException>(() => OutboxClient.CreateFollowupAsync("tok", Message, Cancel));

        // One request each: a retry under the outbox's own would multiply the calls during an outage.
        Assert.Equal(2, _bot.Api.Requests.Count);
        Assert.Equal(500, serverError.Status);
        Assert.Equal((429, TimeSpan.FromSeconds(0.5)), (rateLimited.Status, rateLimited.RetryAfter));
    }

    [Fact]
    public async Task EditOriginal_DiscordRefuses_ThrowsWithItsCodeAndNoToken()
    {
        _bot.Api.Enqueue(new FakeResponse(400, """{"code":50035,"message":"Invalid Form Body","errors":{}}"""));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => Client.EditOriginalAsync("secret-token", Message, Cancel));

        Assert.Equal(50035, error.Code);
        Assert.DoesNotContain("secret-token", error.Message, StringComparison.Ordinal);
        Assert.Single(_bot.Api.Requests);
        Assert.Equal("PATCH", _bot.Api.Requests[0].Method);
        Assert.Equal($"/webhooks/{InteractionJson.ApplicationId}/secret-token/messages/@original", _bot.Api.Requests[0].Path);
    }

    [Fact]
    public async Task CreateFollowup_Always_SendsUserAgentAndNoBotToken()
    {
        await Client.CreateFollowupAsync("tok", Message, Cancel);

        var request = Assert.Single(_bot.Api.Requests);
        Assert.StartsWith("DiscordBot (", request.UserAgent, StringComparison.Ordinal);
        Assert.Null(request.Authorization);
        DiscordOpenApi.AssertValidRequest(request);
    }
}
