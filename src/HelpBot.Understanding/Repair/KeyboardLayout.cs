namespace HelpBot.Understanding.Repair;

/// <summary>
/// Retypes text as if the other keyboard layout had been on: QWERTY keys to ЙЦУКЕН ("ghbdtn" → "привет")
/// and back ("руддщ" → "hello"). Punctuation keys carry Russian letters (",", ".", ";", "'", "[", "]", "`").
/// </summary>
internal static class KeyboardLayout
{
    private const string Qwerty = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~";
    private const string Jcuken = "йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ";

    private static readonly Dictionary<char, char> ToCyrillicMap = Zip(Qwerty, Jcuken);
    private static readonly Dictionary<char, char> ToLatinMap = Zip(Jcuken, Qwerty);

    /// <summary>What a Russian typist meant when the Latin layout was on; null when nothing would change.</summary>
    public static string? ToCyrillic(string text) => Map(text, ToCyrillicMap);

    /// <summary>What an English typist meant when the Russian layout was on; null when nothing would change.</summary>
    public static string? ToLatin(string text) => Map(text, ToLatinMap);

    private static string? Map(string text, Dictionary<char, char> map)
    {
        char[]? result = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (map.TryGetValue(text[i], out var mapped))
            {
                result ??= text.ToCharArray();
                result[i] = mapped;
            }
        }
        return result is null ? null : new string(result);
    }

    private static Dictionary<char, char> Zip(string from, string to)
    {
        var map = new Dictionary<char, char>(from.Length);
        for (var i = 0; i < from.Length; i++)
            map[from[i]] = to[i];
        return map;
    }
}
