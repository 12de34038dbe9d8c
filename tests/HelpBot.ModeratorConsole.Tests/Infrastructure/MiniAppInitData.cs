using System.Globalization;
using System.Text.Json;
using HelpBot.ModeratorConsole.SignIn;

namespace HelpBot.ModeratorConsole.Tests.Infrastructure;

/// <summary>initData as a Telegram client gets it: URL-encoded fields signed with the bot's token (Telegram's documented algorithm).</summary>
public static class MiniAppInitData
{
    public static string For(long userId, string botToken, DateTimeOffset authDate, string? languageCode = "en", string firstName = "Mod")
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["query_id"] = "AAHdF6IQAAAAAN0XohDhrOrc",
            ["user"] = JsonSerializer.Serialize(new Dictionary<string, object?> { ["id"] = userId, ["first_name"] = firstName, ["language_code"] = languageCode }),
            ["auth_date"] = authDate.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        return Encode(fields, TelegramInitData.Sign(fields, botToken));
    }

    public static string Encode(IReadOnlyDictionary<string, string> fields, string hash) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))) + "&hash=" + hash;
}
