using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// Words that name no topic. <see cref="Removed"/> are dropped: Lucene's Russian (Snowball) and English stop
/// lists plus chat filler (greetings, "please", pronouns), which would otherwise count as words the guide does
/// not know and lower the confidence of a good match. <see cref="Function"/> words (question words, negation,
/// "after", "will") are kept, because "где" or "не нашёл" tell sections apart, but they never count towards confidence.
/// </summary>
internal static class StopWords
{
    private static readonly string[] ChatFiller =
    [
        // Russian: politeness, pronouns, generic verbs.
        "пожалуйста", "пжлст", "плиз", "подскажите", "подскажи", "скажите", "скажи", "расскажите", "расскажи",
        "здравствуйте", "здрасте", "привет", "добрый", "день", "спасибо", "хочу", "хотел", "хотела", "хотим",
        "моя", "мои", "моих", "моими", "моим", "мою", "моего", "моей", "моем", "свой", "свою", "свои", "своих", "своим", "своего", "своей",
        "это", "эта", "этим", "вообще", "еще", "нужно", "нужна", "могу", "можем", "сделать", "делать", "который", "которая",
        "которые", "которую", "какую", "какие", "каким", "какое", "каких", "либо", "просто", "типа", "блин", "итак",
        "смогу", "сможет", "сможем", "сможете", "смогут", "помогите", "помоги", "потом",
        "уже", "сейчас", "короче", "кстати", "ладно", "вот",
        // English: pronouns, auxiliaries, apostrophe fragments ("don't" → "don", "t"; "t" becomes "not").
        "i", "me", "my", "mine", "you", "your", "we", "our", "us", "he", "she", "his", "her", "them", "its",
        "do", "does", "did", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "won", "wouldn", "couldn", "shouldn", "haven", "hasn",
        "have", "has", "had", "am", "been", "being", "would", "should", "could", "shall", "may", "might", "must",
        "whats", "wheres", "who", "please", "pls", "hi", "hello", "hey", "bye", "goodbye", "thanks", "thank", "ok", "okay", "so", "just",
        "want", "wanna", "tell", "know", "let", "get", "got", "some", "any", "about", "from", "there", "here", "also",
        "really", "still", "help", "m", "s", "ve", "ll", "d", "re", "com", "www",
        "were", "once", "later", "already", "now", "maybe", "actually", "guys", "anyway",
    ];

    private static readonly string[] FunctionWords =
    [
        "где", "куда", "откуда", "когда", "что", "чем", "как", "зачем", "почему", "сколько", "будет", "после",
        "можно", "нельзя", "не", "нет", "ни",
        "where", "when", "what", "how", "why", "which", "will", "can", "after", "before", "not", "no", "never",
        // Negations typed without the apostrophe (with one, the tokenizer leaves "t", read as "not").
        "cant", "cannot", "dont", "doesnt", "didnt", "wont", "isnt", "havent", "couldnt",
        "happen",
    ];

    /// <summary>
    /// Other forms of the outcome words, read as <see cref="Outcome"/>'s own: "что станет с заказами" asks what
    /// "что будет с заказами" asks, and "what happened" what "what happens" asks.
    /// </summary>
    private static readonly Dictionary<string, string> OutcomeForms = new(StringComparer.Ordinal)
    {
        ["будут"] = "будет", ["станет"] = "будет", ["станут"] = "будет", ["случится"] = "будет", ["случатся"] = "будет",
        ["произойдет"] = "будет", ["произойдут"] = "будет",
        ["happens"] = "happen", ["happened"] = "happen", ["happening"] = "happen",
    };

    /// <summary>Function words that turn a statement around ("нашёл" / "не нашёл", "found" / "never found").</summary>
    public static CharArraySet Negation { get; } = new CharArraySet(LuceneVersion.LUCENE_48, new[] { "не", "нет", "ни", "нельзя", "not", "no", "never", "cant", "cannot", "dont", "doesnt", "didnt", "wont", "isnt", "havent", "couldnt" }, ignoreCase: false).AsReadOnly();

    /// <summary>Question words asking how to do something, or where to go to do it.</summary>
    public static CharArraySet How { get; } = new CharArraySet(LuceneVersion.LUCENE_48, new[] { "как", "куда", "how" }, ignoreCase: false).AsReadOnly();

    /// <summary>Function words asking what comes of something ("what happens", "что будет после").</summary>
    public static CharArraySet Outcome { get; } = new CharArraySet(LuceneVersion.LUCENE_48, new[] { "будет", "после", "happen", "after" }, ignoreCase: false).AsReadOnly();

    /// <summary>Function words asking where something is ("где кнопка", "where is the link").</summary>
    public static CharArraySet Place { get; } = new CharArraySet(LuceneVersion.LUCENE_48, new[] { "где", "куда", "where" }, ignoreCase: false).AsReadOnly();

    /// <summary>The outcome word another form stands for ("станет" → "будет"), or null.</summary>
    public static string? OutcomeOf(char[] buffer, int length) =>
        OutcomeLookup.TryGetValue(buffer.AsSpan(0, length), out var canonical) ? canonical : null;

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> OutcomeLookup = OutcomeForms.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Lower-cased words dropped from content and messages alike.</summary>
    public static CharArraySet Removed { get; } = BuildRemoved();

    /// <summary>Lower-cased words kept unstemmed for ranking but left out of the confidence.</summary>
    public static CharArraySet Function { get; } = new CharArraySet(LuceneVersion.LUCENE_48, FunctionWords, ignoreCase: false).AsReadOnly();

    private static CharArraySet BuildRemoved()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        words.UnionWith(RussianAnalyzer.DefaultStopSet.Select(w => w.ToString()));
        words.UnionWith(EnglishAnalyzer.DefaultStopSet.Select(w => w.ToString()));
        words.UnionWith(ChatFiller);
        // Users write е for ё; the stop list must catch both spellings.
        words.UnionWith(words.Where(w => w.Contains('ё', StringComparison.Ordinal)).Select(w => w.Replace('ё', 'е')).ToList());
        words.ExceptWith(FunctionWords);
        words.ExceptWith(OutcomeForms.Keys);
        return new CharArraySet(LuceneVersion.LUCENE_48, words, ignoreCase: false).AsReadOnly();
    }
}
