using HelpBot.Channels.Telegram.FakeBotApi;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Tests;

/// <summary>Configuration mistakes stop the start and name the setting, without echoing the token.</summary>
public sealed class TelegramOptionsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Telegram:Token", "", "Token")]
    [InlineData("Telegram:Token", "not-a-token", "Token")]
    [InlineData("Telegram:ApiBaseUrl", "ftp://example.test", "ApiBaseUrl")]
    [InlineData("Telegram:PollingTimeoutSeconds", "3600", "PollingTimeoutSeconds")]
    public async Task Start_InvalidSetting_FailsNamingIt(string key, string value, string named)
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TelegramTestBot.StartAsync(api, settings: new Dictionary<string, string?> { [key] = value }, cancellationToken: Cancel));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        if (key == "Telegram:Token" && value.Length > 0)
            Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Telegram:SecretToken", null, "SecretToken")]
    [InlineData("Telegram:SecretToken", "has spaces and é", "SecretToken")]
    [InlineData("Telegram:WebhookUrl", null, "WebhookUrl")]
    public async Task Start_WebhookWithoutAddressOrSecret_FailsNamingIt(string key, string? value, string named)
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var settings = new Dictionary<string, string?> { ["Telegram:Mode"] = "Webhook", [key] = value };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TelegramTestBot.StartAsync(api, settings: settings, cancellationToken: Cancel));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
