using System.Net;
using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HelpBot.ModeratorConsole.Tests.SignIn;

public sealed class SignInAttemptsTests
{
    [Fact]
    public void PerAddress_RefusedPastTheLimit_OtherAddressesUnaffected()
    {
        using var attempts = new SignInAttempts(Options.Create(new ModeratorConsoleOptions { SignInAttemptsPerMinute = 3 }));
        var one = Client("10.0.0.1");
        var other = Client("10.0.0.2");

        var allowed = Enumerable.Range(0, 4).Select(_ => attempts.TryCount(one)).ToList();

        Assert.Equal([true, true, true, false], allowed);
        Assert.True(attempts.TryCount(other));
    }

    private static DefaultHttpContext Client(string address) => new() { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };
}
