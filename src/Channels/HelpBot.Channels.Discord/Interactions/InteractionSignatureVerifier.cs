using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// Discord signs every request: Ed25519, with the application's public key, over the bytes of
/// <c>X-Signature-Timestamp</c> followed by the raw body exactly as received. A valid signature on an old
/// timestamp is a replay and is refused as well.
/// </summary>
internal sealed class InteractionSignatureVerifier
{
    public const string SignatureHeader = "X-Signature-Ed25519";
    public const string TimestampHeader = "X-Signature-Timestamp";

    private const int SignatureBytes = 64;
    private const int MaxTimestampLength = 19;

    private readonly PublicKey _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;

    public InteractionSignatureVerifier(IOptions<DiscordOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = ImportKey(options.Value.PublicKey) ?? throw new InvalidOperationException("Discord:PublicKey is not an Ed25519 public key");
        _time = time;
        _maxAge = options.Value.MaxRequestAge;
    }

    /// <summary>The key from its hex form, or null when it is not one.</summary>
    public static PublicKey? ImportKey(string hex)
    {
        Span<byte> raw = stackalloc byte[32];
        if (hex.Length != raw.Length * 2 || Convert.FromHexString(hex, raw, out _, out _) != OperationStatus.Done)
            return null;
        return PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out var key) ? key : null;
    }

    public SignatureCheck Check(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp))
            return SignatureCheck.Missing;
        if (signatureHex.Length != SignatureBytes * 2
            || timestamp.Length > MaxTimestampLength
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Malformed;
        }
        Span<byte> signature = stackalloc byte[SignatureBytes];
        if (Convert.FromHexString(signatureHex, signature, out _, out _) != OperationStatus.Done)
            return SignatureCheck.Malformed;

        // The timestamp is ASCII digits (checked above), so its UTF-8 bytes are its characters.
        var signed = new byte[timestamp.Length + body.Length];
        Encoding.ASCII.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(timestamp.Length));
        if (!SignatureAlgorithm.Ed25519.Verify(_key, signed, signature))
            return SignatureCheck.Invalid;

        var age = _time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        return Math.Abs(age) > _maxAge.TotalSeconds ? SignatureCheck.Stale : SignatureCheck.Valid;
    }
}
