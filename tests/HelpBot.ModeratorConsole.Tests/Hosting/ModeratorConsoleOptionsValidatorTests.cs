using HelpBot.ModeratorConsole.Hosting;

namespace HelpBot.ModeratorConsole.Tests.Hosting;

public sealed class ModeratorConsoleOptionsValidatorTests
{
    private static string? Failure(ModeratorConsoleOptions options) => new ModeratorConsoleOptionsValidator().Validate(null, options).FailureMessage;

    [Fact]
    public void Disabled_NothingRequired() => Assert.Null(Failure(new ModeratorConsoleOptions()));

    [Theory]
    [InlineData("https://bot.example.com")]
    [InlineData("https://bot.example.com/helpbot/")]
    [InlineData("http://127.0.0.1:5000")]
    public void Enabled_GoodPublicUrl_Valid(string url) =>
        Assert.Null(Failure(new ModeratorConsoleOptions { Enabled = true, PublicUrl = new Uri(url) }));

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("http://bot.example.com", "must be https")]
    [InlineData("https://bot.example.com/?a=1", "without query")]
    [InlineData("ftp://bot.example.com", "absolute http(s)")]
    public void Enabled_BadPublicUrl_NamesTheSetting(string? url, string message)
    {
        var failure = Failure(new ModeratorConsoleOptions { Enabled = true, PublicUrl = url is null ? null : new Uri(url) });

        Assert.Contains("ModeratorConsole:PublicUrl", failure, StringComparison.Ordinal);
        Assert.Contains(message, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Enabled_OutOfRangeDurations_NameTheirSettings()
    {
        var failure = Failure(new ModeratorConsoleOptions
        {
            Enabled = true,
            PublicUrl = new Uri("https://bot.example.com"),
            InitDataMaxAge = TimeSpan.Zero,
            SessionIdleTimeout = TimeSpan.FromDays(365),
            SignInAttemptsPerMinute = 0,
        });

        Assert.Contains("ModeratorConsole:InitDataMaxAge", failure, StringComparison.Ordinal);
        Assert.Contains("ModeratorConsole:SessionIdleTimeout", failure, StringComparison.Ordinal);
        Assert.Contains("ModeratorConsole:SignInAttemptsPerMinute", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsoleUrl_IsThePublicUrlsConsolePath() =>
        Assert.Equal("https://bot.example.com/helpbot/console", new ModeratorConsoleOptions { PublicUrl = new Uri("https://bot.example.com/helpbot/") }.ConsoleUrl.AbsoluteUri);
}
