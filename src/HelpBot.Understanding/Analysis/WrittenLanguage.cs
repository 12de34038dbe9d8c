using System.Collections.Concurrent;
using HelpBot.Engine.Content;
using HelpBot.Understanding.Repair;
using HelpBot.Understanding.Training;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// The language a message is written in, Russian or English, judged by the words of the training data. Each word
/// votes: a Cyrillic one for Russian, unless it is an English word typed on the Russian layout ("руддщ" → hello); a
/// Latin one for English when the English training words know its stem, and for Russian when instead its reading on
/// the Russian layout ("ghbdtn" → привет) or as transliteration ("privet") is a Russian training word. A Latin word
/// both know ("do" is also "до", "aliexpress") or neither knows (a name, a typo) does not vote, nor does one the Russian
/// guide itself uses: the site's and the form's English ("Deactivate my account", "I was scammed"), which Russian users
/// copy to ask what it means. A language needs more than twice the other's votes: "как удалить account" is mixed, and
/// a mixed or unclear message has no language.
/// </summary>
internal sealed class WrittenLanguage
{
    public const string Russian = "ru";

    public const string English = "en";

    private readonly HashSet<string> _russianStems;
    private readonly HashSet<string> _englishStems;
    private readonly HashSet<string> _quotedStems;

    /// <summary>
    /// Words' votes as judged: a vote costs several stemmings and people write the same words over and over. Bounded by
    /// <see cref="MaxRemembered"/>; a model retrained on new content comes with a new instance, so none outlives its data.
    /// </summary>
    private readonly ConcurrentDictionary<string, string?> _votes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _votesBySpan;

    private const int MaxRemembered = 50_000;

    private WrittenLanguage(HashSet<string> russianStems, HashSet<string> englishStems, HashSet<string> quotedStems)
    {
        _russianStems = russianStems;
        _englishStems = englishStems;
        _quotedStems = quotedStems;
        _votesBySpan = _votes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Learns the stems of each language's training messages in its own script: a Russian example's Latin words are
    /// the form's English, a name or mistyped Russian, none of them English the user writes. The English the guides
    /// quote is the form's (its reason options, the phrases to copy) and the Latin words of the Russian guide's own
    /// texts (its titles and match phrases: "кнопка deactivate my account").
    /// </summary>
    public static WrittenLanguage From(IEnumerable<TrainingExample> examples, ContentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(catalog);
        var (russian, english, quoted) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var guides = catalog.Languages.Values.SelectMany(p => p.Guides.Values).ToArray();
        var form = guides.SelectMany(g => g.Reasons?.Options.Select(o => o.Option) ?? []).Concat(guides.SelectMany(g => g.Steps.Select(s => s.Copy).OfType<string>()));
        foreach (var text in form)
            quoted.UnionWith(StemsOf(text).Where(s => Scripts.IsLatin(s[0])));
        foreach (var example in examples)
        {
            if (example is { Language: Russian, Kind: TrainingExample.PhraseKind })
                quoted.UnionWith(StemsOf(example.Text).Where(s => Scripts.IsLatin(s[0])));
            var (stems, isOwnScript) = example.Language switch
            {
                Russian => (russian, (Func<char, bool>)Scripts.IsCyrillic),
                English => (english, Scripts.IsLatin),
                _ => (null, null),
            };
            if (stems is null || isOwnScript is null)
                continue;
            foreach (var stem in StemsOf(example.Text))
            {
                if (isOwnScript(stem[0]))
                    stems.Add(stem);
            }
        }
        return new WrittenLanguage(russian, english, quoted);
    }

    /// <summary><see cref="Russian"/>, <see cref="English"/>, or null when the message is mixed or says too little to tell.</summary>
    public string? Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (russian, english, voters) = (0, 0, 0);
        // Split at spaces only: the Russian layout's letters б, ю, ж, э, х, ъ sit on punctuation keys ("vj;yj" → можно).
        // The words are taken from the end (see MaxVoters).
        for (var end = text.Length; voters < MaxVoters; voters++)
        {
            while (end > 0 && char.IsWhiteSpace(text[end - 1]))
                end--;
            var start = end;
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
                start--;
            if (start == end)
                break;
            var vote = VoteOf(text.AsSpan(start, end - start));
            end = start;
            switch (vote)
            {
                case Russian:
                    russian++;
                    break;
                case English:
                    english++;
                    break;
            }
        }
        return russian > 2 * english ? Russian : english > 2 * russian ? English : null;
    }

    /// <summary>
    /// Words that vote, the message's last: people ask last, after the story, and two dozen words tell the language
    /// while each costs several stemmings (a 1,000-character message cost the reader 270 µs more when every word voted).
    /// </summary>
    private const int MaxVoters = 24;

    private string? VoteOf(ReadOnlySpan<char> token)
    {
        if (_votesBySpan.TryGetValue(token, out var remembered))
            return remembered;
        var word = token.ToString();
        var vote = VoteOf(word);
        if (_votes.Count < MaxRemembered)
            _votes.TryAdd(word, vote);
        return vote;
    }

    private string? VoteOf(string token)
    {
        if (Scripts.HasCyrillic(token))
            return !Knows(_russianStems, token) && Knows(_englishStems, KeyboardLayout.ToLatin(token)) ? English : Russian;
        if (!Scripts.HasLatin(token))
            return null;
        var stems = StemsOf(token);
        if (stems.Length > 0 && stems.All(IsQuoted))
            return null;
        var english = stems.Any(_englishStems.Contains);
        // A word's trailing comma or full stop is punctuation more often than б or ю.
        var trimmed = token.TrimEnd(',', '.');
        var russian = Knows(_russianStems, KeyboardLayout.ToCyrillic(token))
            || (trimmed.Length < token.Length && Knows(_russianStems, KeyboardLayout.ToCyrillic(trimmed)))
            || Knows(_russianStems, Transliteration.ToCyrillic(token));
        return english == russian ? null : english ? English : Russian;
    }

    /// <summary>
    /// A stem of the quoted English, or one letter off such a stem of at least <see cref="MinSlipLength"/> letters: a
    /// quote typed with a slip ("supliers did not respond to my inquires") is still a quote.
    /// </summary>
    private bool IsQuoted(string stem) =>
        _quotedStems.Contains(stem)
        || (stem.Length >= MinSlipLength && _quotedStems.Any(q => q.Length >= MinSlipLength && OneEditApart(stem, q)));

    private const int MinSlipLength = 5;

    /// <summary>Whether one letter inserted, deleted or replaced turns one word into the other.</summary>
    private static bool OneEditApart(string a, string b)
    {
        if (a.Length > b.Length)
            (a, b) = (b, a);
        if (b.Length - a.Length > 1)
            return false;
        var start = 0;
        while (start < a.Length && a[start] == b[start])
            start++;
        // Past the first difference the rests must match: after b's extra letter, or after the replaced one.
        return a.Length == b.Length
            ? a.AsSpan(Math.Min(start + 1, a.Length)).SequenceEqual(b.AsSpan(Math.Min(start + 1, b.Length)))
            : a.AsSpan(start).SequenceEqual(b.AsSpan(start + 1));
    }

    private static bool Knows(HashSet<string> stems, string? text) =>
        text is not null && StemsOf(text).Any(stems.Contains);

    private static string[] StemsOf(string text) => TextNormalizer.Stems(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
