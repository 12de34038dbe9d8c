using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>An Ed25519 key pair made for the tests, signing requests the way Discord does (timestamp + raw body).</summary>
public sealed class TestSigner : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public string PublicKeyHex => Convert.ToHexString(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey)).ToLowerInvariant();

    /// <summary>An <c>X-Signature-Timestamp</c>: the bot's now by <paramref name="clock"/>, moved by <paramref name="offset"/>.</summary>
    public static string Timestamp(TimeProvider clock, TimeSpan offset = default) =>
        (clock ?? throw new ArgumentNullException(nameof(clock))).GetUtcNow().Add(offset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public string Sign(string timestamp, byte[] body)
    {
        var data = Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray();
        return Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, data)).ToLowerInvariant();
    }

    public void Dispose() => _key.Dispose();
}
