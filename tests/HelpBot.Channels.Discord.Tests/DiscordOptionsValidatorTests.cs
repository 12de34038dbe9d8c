using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Tests;

public sealed class DiscordOptionsValidatorTests
{
    private const string Key = "6a2f1e7c9d6b4c0f8e3a5b7d9c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e";

    [Fact]
    public void Validate_CompleteOptions_Succeeds() =>
        Assert.True(Validate(Valid()).Succeeded);

    [Theory]
    [InlineData(nameof(DiscordOptions.ApplicationId), "")]
    [InlineData(nameof(DiscordOptions.ApplicationId), "12ab")]
    [InlineData(nameof(DiscordOptions.PublicKey), "")]
    [InlineData(nameof(DiscordOptions.PublicKey), "abcd")]
    [InlineData(nameof(DiscordOptions.GuildId), "not-a-snowflake")]
    public void Validate_BadField_FailsNamingItButNotItsValue(string field, string value)
    {
        var options = Valid();
        typeof(DiscordOptions).GetProperty(field)!.SetValue(options, value);

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(field, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RegisterAtStartWithoutToken_Fails()
    {
        var options = Valid();
        options.RegisterCommandsAtStart = true;
        options.BotToken = null;

        Assert.Contains(nameof(DiscordOptions.BotToken), Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RelativeApiBaseUrl_Fails()
    {
        var options = Valid();
        options.ApiBaseUrl = new Uri("/api", UriKind.Relative);

        Assert.Contains(nameof(DiscordOptions.ApiBaseUrl), Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeferAfterPastDiscordsDeadline_Fails()
    {
        var options = Valid();
        options.DeferAfter = TimeSpan.FromSeconds(3);

        Assert.Contains(nameof(DiscordOptions.DeferAfter), Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SecretToken_NeverAppearsInMessages()
    {
        var options = Valid();
        options.BotToken = "super-secret";
        options.ApplicationId = "bad";

        Assert.DoesNotContain("super-secret", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    private static DiscordOptions Valid() => new() { ApplicationId = "123456789012345678", PublicKey = Key };

    private static ValidateOptionsResult Validate(DiscordOptions options)
    {
        var results = new[] { new DiscordOptionsValidator().Validate(null, options), new DiscordOptionsRules().Validate(null, options) };
        var failures = results.Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
