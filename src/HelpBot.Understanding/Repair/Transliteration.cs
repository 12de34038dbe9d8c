using System.Text;

namespace HelpBot.Understanding.Repair;

/// <summary>
/// Reads Russian written in Latin letters ("udalit akkaunt", "aliekspress", "zakazy") back into Cyrillic.
/// Longest spelling first, so "shch" is щ before "sh" is ш; the usual variants (ya/ja/ia, kh/h, ts/c) are all accepted.
/// </summary>
internal static class Transliteration
{
    private static readonly (string Latin, string Cyrillic)[] Table =
    [
        ("shch", "щ"), ("sch", "щ"),
        ("yo", "е"), ("jo", "е"), ("yu", "ю"), ("ju", "ю"), ("iu", "ю"), ("ya", "я"), ("ja", "я"), ("ia", "я"),
        ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("tz", "ц"), ("ch", "ч"), ("sh", "ш"), ("ck", "к"), ("ks", "кс"),
        ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"),
        ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
        ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"), ("x", "кс"), ("q", "к"), ("y", "ы"), ("'", "ь"),
    ];

    /// <summary>The Cyrillic reading of the Latin letters in <paramref name="text"/>; null when it has none.</summary>
    public static string? ToCyrillic(string text)
    {
        if (!Analysis.Scripts.HasLatin(text))
            return null;
        var lower = text.ToLowerInvariant();
        var result = new StringBuilder(lower.Length);
        var i = 0;
        while (i < lower.Length)
        {
            var matched = false;
            foreach (var (latin, cyrillic) in Table)
            {
                if (string.CompareOrdinal(lower, i, latin, 0, latin.Length) == 0)
                {
                    // "y" after a vowel is й ("moy", "zayti"), elsewhere ы ("vy").
                    result.Append(latin == "y" && i > 0 && IsVowel(lower[i - 1]) ? "й" : cyrillic);
                    i += latin.Length;
                    matched = true;
                    break;
                }
            }
            if (!matched)
                result.Append(lower[i++]);
        }
        return result.ToString();
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
