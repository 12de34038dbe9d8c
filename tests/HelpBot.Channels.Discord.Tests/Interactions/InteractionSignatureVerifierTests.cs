using System.Globalization;
using System.Text;
using HelpBot.Channels.Discord.Interactions;
using HelpBot.Channels.Discord.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpBot.Channels.Discord.Tests.Interactions;

public sealed class InteractionSignatureVerifierTests : IDisposable
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":1}""");

    private readonly TestSigner _signer = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InteractionSignatureVerifier _verifier;

    public InteractionSignatureVerifierTests() =>
        _verifier = new InteractionSignatureVerifier(Options.Create(new DiscordOptions { PublicKey = _signer.PublicKeyHex }), _time);

    [Fact]
    public void Check_DiscordsSignature_IsValid()
    {
        var timestamp = TestSigner.Timestamp(_time);

        Assert.Equal(SignatureCheck.Valid, _verifier.Check(_signer.Sign(timestamp, Body), timestamp, Body));
    }

    [Fact]
    public void Check_SignatureOfAnotherTimestamp_IsInvalid()
    {
        var timestamp = TestSigner.Timestamp(_time);
        var other = (long.Parse(timestamp, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);

        Assert.Equal(SignatureCheck.Invalid, _verifier.Check(_signer.Sign(other, Body), timestamp, Body));
    }

    [Theory]
    [InlineData(null, "1", "Missing")]
    [InlineData("ab", null, "Missing")]
    [InlineData("abcd", "1", "Malformed")]
    [InlineData("SIG", "12a", "Malformed")]
    [InlineData("SIG", "-5", "Malformed")]
    public void Check_BadHeaders_AreRefused(string? signature, string? timestamp, string expected)
    {
        var valid = _signer.Sign(TestSigner.Timestamp(_time), Body);

        Assert.Equal(Enum.Parse<SignatureCheck>(expected), _verifier.Check(signature == "SIG" ? valid : signature, timestamp, Body));
    }

    [Fact]
    public void Check_OldButGenuine_IsStale()
    {
        var timestamp = TestSigner.Timestamp(_time, TimeSpan.FromHours(-1));

        Assert.Equal(SignatureCheck.Stale, _verifier.Check(_signer.Sign(timestamp, Body), timestamp, Body));
    }

    [Fact]
    public void Check_NonHexSignatureOfTheRightLength_IsMalformed() =>
        Assert.Equal(SignatureCheck.Malformed, _verifier.Check(new string('z', 128), TestSigner.Timestamp(_time), Body));

    public void Dispose() => _signer.Dispose();
}
