using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>The Telegram user a Mini App's initData vouches for.</summary>
public sealed record TelegramMiniAppUser(long Id, string? LanguageCode, DateTimeOffset AuthDate);

/// <summary>A verdict on an initData string: the user, or why it was refused (shown to the client, never containing the data itself).</summary>
public sealed record InitDataCheck(TelegramMiniAppUser? User, string? Refusal)
{
    public static InitDataCheck Refused(string reason) => new(null, reason);
}

/// <summary>
/// Telegram Mini App initData, checked as Telegram documents it ("Validating data received via the Mini App"):
/// secret_key = HMAC_SHA256(key "WebAppData", bot token); hash = hex(HMAC_SHA256(secret_key, data_check_string)),
/// where data_check_string is every received field but <c>hash</c>, URL-decoded, as <c>key=value</c>, sorted by key
/// and joined with <c>\n</c>. Refused: malformed, duplicate keys, a wrong hash (compared in constant time), an
/// <c>auth_date</c> older than the allowed age or from the future.
/// </summary>
public static class TelegramInitData
{
    /// <summary>Real initData is a few hundred bytes; anything far longer is not Telegram's.</summary>
    public const int MaxLength = 8 * 1024;

    /// <summary>Clocks differ a little; an auth_date further ahead than this was not made by Telegram now.</summary>
    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(1);

    public static InitDataCheck Check(string? initData, string botToken, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentException.ThrowIfNullOrEmpty(botToken);
        if (string.IsNullOrEmpty(initData))
            return InitDataCheck.Refused("initData is empty");
        if (initData.Length > MaxLength)
            return InitDataCheck.Refused($"initData is longer than {MaxLength} characters");
        if (Parse(initData) is not { } fields)
            return InitDataCheck.Refused("initData is not a query string of unique key=value pairs");
        if (!fields.Remove("hash", out var hash))
            return InitDataCheck.Refused("initData has no hash");
        if (hash.Length != 64 || !IsHex(hash))
            return InitDataCheck.Refused("initData's hash is not 64 hexadecimal digits");
        if (!HashMatches(fields, hash, botToken))
            return InitDataCheck.Refused("initData's hash does not match: it was not signed with this bot's token");

        // Only signed data is read past this point.
        if (!fields.TryGetValue("auth_date", out var authDateText)
            || !long.TryParse(authDateText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds is <= 0 or > 253_402_300_799)
            return InitDataCheck.Refused("initData has no valid auth_date");
        var authDate = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (now - authDate > maxAge)
            return InitDataCheck.Refused("initData is too old: reopen the console from the bot");
        if (authDate - now > AllowedClockSkew)
            return InitDataCheck.Refused("initData's auth_date is in the future");
        if (!fields.TryGetValue("user", out var userJson) || ReadUser(userJson, authDate) is not { } user)
            return InitDataCheck.Refused("initData has no valid user");
        return new InitDataCheck(user, null);
    }

    /// <summary>The data-check-string's HMAC as hex (lower case): what Telegram puts in <c>hash</c>. Tests sign with it too.</summary>
    public static string Sign(IEnumerable<KeyValuePair<string, string>> fields, string botToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Convert.ToHexStringLower(ComputeHash(fields, botToken));
    }

    private static bool HashMatches(Dictionary<string, string> fields, string hash, string botToken) =>
        CryptographicOperations.FixedTimeEquals(ComputeHash(fields, botToken), Convert.FromHexString(hash));

    private static byte[] ComputeHash(IEnumerable<KeyValuePair<string, string>> fields, string botToken)
    {
        var dataCheckString = string.Join('\n', fields
            .Where(f => f.Key != "hash")
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => f.Key + "=" + f.Value));
        var secretKey = HMACSHA256.HashData(Encoding.UTF8.GetBytes("WebAppData"), Encoding.UTF8.GetBytes(botToken));
        return HMACSHA256.HashData(secretKey, Encoding.UTF8.GetBytes(dataCheckString));
    }

    /// <summary>
    /// <c>application/x-www-form-urlencoded</c> as the client's URLSearchParams writes it (<c>+</c> is a space);
    /// null when a pair has no <c>=</c> or a key is empty or repeated.
    /// </summary>
    internal static Dictionary<string, string>? Parse(string initData)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in initData.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                return null;
            if (!fields.TryAdd(Decode(pair[..equals]), Decode(pair[(equals + 1)..])))
                return null;
        }
        return fields;
    }

    /// <summary>A broken escape (a lone <c>%</c>) stays as it is: it then fails the hash, like any other change.</summary>
    private static string Decode(string encoded) => Uri.UnescapeDataString(encoded.Replace('+', ' '));

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        return true;
    }

    private static TelegramMiniAppUser? ReadUser(string json, DateTimeOffset authDate)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var userId) || userId <= 0)
                return null;
            var language = root.TryGetProperty("language_code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
            return new TelegramMiniAppUser(userId, language, authDate);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
