using System.Net;
using System.Text;
using System.Text.Json;
using HelpBot.Channels.Discord.Tests.Infrastructure;

namespace HelpBot.Channels.Discord.Tests.Interactions;

/// <summary>The endpoint's protocol: signatures first, PING, and a clear status for everything it will not take.</summary>
public sealed class DiscordInteractionsEndpointTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private readonly DiscordBotServer _bot = fixture.Bot!;

    [Fact]
    public async Task Post_SignedPing_AnswersPong()
    {
        var body = await _bot.InteractAsync(InteractionJson.Ping());

        Assert.Equal("""{"type":1}""", body.GetRawText());
    }

    [Fact]
    public async Task Post_SignedWithAnotherKey_Is401()
    {
        using var stranger = new TestSigner();

        using var response = await _bot.PostAsync(InteractionJson.Ping(), signer: stranger);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid request signature");
    }

    [Fact]
    public async Task Post_TamperedBody_Is401()
    {
        var body = Encoding.UTF8.GetBytes(InteractionJson.Command("u-tamper", "steps"));
        var timestamp = _bot.Timestamp();
        var signature = _bot.Signer.Sign(timestamp, body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("steps", "forget", StringComparison.Ordinal));

        using var response = await _bot.SendAsync(tampered, signature, timestamp);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid request signature");
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public async Task Post_MissingSignatureHeader_Is401(bool withSignature, bool withTimestamp)
    {
        var body = Encoding.UTF8.GetBytes(InteractionJson.Ping());
        var timestamp = _bot.Timestamp();
        var signature = _bot.Signer.Sign(timestamp, body);

        using var response = await _bot.SendAsync(body, withSignature ? signature : null, withTimestamp ? timestamp : null);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid request signature");
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("zz")]
    public async Task Post_MalformedSignature_Is401(string signature)
    {
        using var response = await _bot.SendAsync(Encoding.UTF8.GetBytes(InteractionJson.Ping()), signature, _bot.Timestamp());

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid request signature");
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(600)]
    public async Task Post_StaleTimestamp_Is401(int secondsFromNow)
    {
        var timestamp = _bot.Timestamp(TimeSpan.FromSeconds(secondsFromNow));

        using var response = await _bot.PostAsync(InteractionJson.Ping(), timestamp);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid request signature");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData("""{"id":"1","type":"2","token":"t"}""")]
    [InlineData("""{"id":"1","type":2,"token":"t","data":{"name":"steps"}}""")]
    [InlineData("""{"id":"1","type":2,"token":"t","member":{"user":{"id":42}},"data":{"name":"steps"}}""")]
    public async Task Post_SignedMalformedInteraction_Is400(string json)
    {
        using var response = await _bot.PostAsync(json);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed interaction");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(42)]
    public async Task Post_UnsupportedInteractionType_Is400(int type)
    {
        var json = InteractionJson.Command("u-type", "steps").Replace("\"type\":2", $"\"type\":{type}", StringComparison.Ordinal);

        using var response = await _bot.PostAsync(json);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, $"unsupported interaction type {type}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(99)]
    public async Task Post_UnsupportedComponentType_Is400(int componentType)
    {
        using var response = await _bot.PostAsync(InteractionJson.Button("u-select", "menu", componentType: componentType));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, $"unsupported component type {componentType}");
    }

    [Fact]
    public async Task Post_UnknownModal_Is400()
    {
        using var response = await _bot.PostAsync(InteractionJson.ModalSubmit("u-modal", "menu", "text"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "unknown modal");
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("toolong-toolong-toolong-toolong-x")]
    public async Task Post_InvalidCommandName_Is400(string name)
    {
        using var response = await _bot.PostAsync(InteractionJson.Command("u-name", name));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "missing or invalid command name");
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Is413()
    {
        var huge = InteractionJson.Command("u-huge", "help", "en-US", ("question", new string('x', 300 * 1024)));

        using var response = await _bot.PostAsync(huge);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request body too large");
    }

    [Fact]
    public async Task Post_SameInteractionTwice_SecondIsAcceptedWithoutBody()
    {
        var json = InteractionJson.Command("u-twice", "steps");
        using var first = await _bot.PostAsync(json);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await _bot.PostAsync(json);

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Logs_AfterRequests_NeverHoldTokensOrKeys()
    {
        await _bot.InteractAsync(InteractionJson.Command("u-logs", "reasons"));
        using var bad = await _bot.PostAsync("{not json");

        var logs = string.Join("\n", _bot.Logs.Lines);
        Assert.Contains("malformed interaction", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("interaction-token-", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(DiscordBotServer.BotToken, logs, StringComparison.Ordinal);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, JsonDocument.Parse(text).RootElement.GetProperty("title").GetString());
    }
}
