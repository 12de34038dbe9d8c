using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Channels.Telegram.Webhook;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HelpBot.Channels.Telegram.Tests.Webhook;

/// <summary>Webhook mode: Telegram's POSTs played by the test against the bot's own HTTP server on 127.0.0.1.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> WebhookMode = new() { ["Telegram:Mode"] = "Webhook" };

    private TelegramTestRig _rig = null!;
    private HttpClient _http = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _rig = await TelegramTestRig.StartAsync(WebhookMode);
        _http = new HttpClient { BaseAddress = new Uri(_rig.Bot.Address) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task Start_WebhookMode_SetsWebhookWithSecretAndNeverPolls()
    {
        var set = await _rig.Api.WaitForAsync(r => r.Method == "setWebhook", cancellationToken: Cancel);
        await _rig.Api.WaitForAsync(r => r.Method == "setMyCommands" && r.Parameters["language_code"] is null, cancellationToken: Cancel);

        Assert.Equal("https://bot.example.test" + TelegramTestBot.WebhookPath, set.Parameters["url"]!.GetValue<string>());
        Assert.Equal(TelegramTestBot.Secret, set.Parameters["secret_token"]!.GetValue<string>());
        Assert.Equal(["message", "callback_query"], set.Parameters["allowed_updates"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Empty(_rig.Api.Calls("getUpdates"));
        Assert.Empty(_rig.Api.Calls("deleteWebhook"));
        Assert.Empty(_rig.Api.Violations);
    }

    [Fact]
    public async Task Post_RightSecret_HandlesTheUpdateBeforeAnswering()
    {
        var update = Update(_rig.Api.TextMessage(2001, "/start"));
        var response = await PostAsync(update, TelegramTestBot.Secret);

        // 200 comes once the turn and its reply are committed (a crash before it makes Telegram deliver again); the outbox sends it.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var store = _rig.Bot.Services.GetRequiredService<IConversationStore>();
        Assert.True(await store.WasHandledAsync("telegram:update:" + update["update_id"], Cancel));
        await _rig.Api.WaitForMessageAsync(2001, cancellationToken: Cancel);
        var reply = Assert.Single(_rig.Api.Messages(2001));
        Assert.Contains("AliExpress", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_rig.Api.Violations);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Post_WrongOrMissingSecret_401AndNothingHandled(string? secret)
    {
        var response = await PostAsync(Update(_rig.Api.TextMessage(2002, "/start")), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_rig.Api.Messages(2002));
        Assert.DoesNotContain(TelegramTestBot.Secret, _rig.Bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SameUpdateTwice_SecondChangesNothingAndSendsNothing()
    {
        var start = Update(_rig.Api.TextMessage(2003, "/start"));
        await PostAsync(start, TelegramTestBot.Secret);
        await _rig.Api.WaitForMessageAsync(2003, cancellationToken: Cancel);
        var greeting = Assert.Single(_rig.Api.Messages(2003));
        var press = Update(_rig.Api.ButtonPress(2003, greeting, "steps:aliexpress"));
        await PostAsync(press, TelegramTestBot.Secret);
        await _rig.Api.WaitForAsync(r => r.Method == "editMessageText" && r.Status == 200, cancellationToken: Cancel);
        await _rig.Api.WaitForAsync(r => r.Method == "answerCallbackQuery", cancellationToken: Cancel);
        var callsAfterFirst = _rig.Api.Requests.Count;

        // Telegram retries a webhook call it thinks failed: same update_id, same callback query.
        var retry = await PostAsync(press, TelegramTestBot.Secret);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(callsAfterFirst, _rig.Api.Requests.Count);
        Assert.Contains("1/9", Assert.Single(_rig.Api.Messages(2003)).Text, StringComparison.Ordinal);
        Assert.Single(_rig.Api.Calls("answerCallbackQuery"));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"message\":{}}")]
    [InlineData("42")]
    public async Task Post_NotAnUpdate_400(string body)
    {
        var response = await PostRawAsync(body, TelegramTestBot.Secret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(_rig.Bot.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Fact]
    public async Task Post_UpdateTheClientCannotRead_200SkippedAndLogged()
    {
        var response = await PostRawAsync("{\"update_id\":77,\"message\":\"not an object\"}", TelegramTestBot.Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_rig.Bot.Logs.Entries, e => e.Message.Contains("update 77", StringComparison.Ordinal));
        Assert.DoesNotContain(_rig.Api.Requests, r => r.Method == "sendMessage");
    }

    private static JsonObject Update(JsonObject update)
    {
        update["update_id"] = Random.Shared.Next(1, int.MaxValue);
        return update;
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject update, string? secret) => PostRawAsync(update.ToJsonString(), secret);

    private async Task<HttpResponseMessage> PostRawAsync(string body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TelegramTestBot.WebhookPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
            request.Headers.Add(WebhookEndpoint.SecretHeader, secret);
        return await _http.SendAsync(request, Cancel);
    }
}
