using System.Text.RegularExpressions;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// Takes the letter's frame off a polite message before it is read: the opening (greeting, address such as "Dear Sir
/// or Madam" or "Уважаемая служба поддержки", apologies for troubling, "будьте так любезны") and the closing (thanks,
/// thanks in advance, the sign-off with its name). They say nothing about what is asked, yet in a long formal letter
/// they are half the words: each of the reader's blocks is scaled to unit length, so they drowned the few words that
/// ask, and since off-topic letters wear the same frame they pulled polite questions towards "not ours". Only the
/// message's two ends are looked at, formula by formula, so the cost does not grow with its length. A message that is
/// nothing but courtesy ("Здравствуйте!", "thank you"), or a short one ("hello, could you help me"), is left whole: it
/// is small talk, and the reader knows it as such.
/// </summary>
internal static partial class Courtesy
{
    /// <summary>Fewer words than this left after the frame is taken off: the message is read as written.</summary>
    private const int MinWordsLeft = 5;

    /// <summary>Most formulas a letter opens or closes with ("Здравствуйте. Извините за беспокойство. Будьте любезны, ...").</summary>
    private const int MaxFormulas = 4;

    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A frame and five words to spare: shorter messages (most of them) skip the patterns.
        if (text.Length < 24 || CountWords(text) < MinWordsLeft + 2)
            return text;
        var (start, end) = (0, text.Length);
        for (var formulas = 0; formulas < MaxFormulas && Opening().Match(text, start, end - start) is { Success: true } opening; formulas++)
            start = opening.Index + opening.Length;
        for (var formulas = 0; formulas < MaxFormulas && Closing().Match(text, start, end - start) is { Success: true } closing; formulas++)
            end = closing.Index;
        if (start == 0 && end == text.Length)
            return text;
        var stripped = text[start..end];
        return CountWords(stripped) >= MinWordsLeft ? stripped : text;
    }

    private static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
                words++;
            inWord = letter;
        }
        return words;
    }

    /// <summary>A greeting, an address or a courtesy phrase at the start, with the punctuation after it.</summary>
    [GeneratedRegex("""
        ^[\s.!?,;:]*(?:
          здравствуйте | добр(?:ый|ого)\s+(?:день|вечер|дня|времени\s+суток) | доброе\s+утро | приветствую
        | уважаем(?:ая|ые|ый|ое)\s+(?:служба\s+поддержки|поддержка|специалисты|сотрудники|администрация|господа|коллеги|модераторы|команда)
        | извините\s+за\s+беспокойство | прошу\s+прощения\s+за\s+беспокойство | будьте\s+(?:так\s+)?любезны
        | hello | good\s+(?:morning|afternoon|evening|day) | to\s+whom\s+it\s+may\s+concern
        | dear\s+(?:sir\s+or\s+madam|sir\s*/\s*madam|sirs?|madam|support(?:\s+team)?|team|colleagues|moderators)
        | i\s+apologi[sz]e\s+for\s+(?:troubling|bothering)\s+you(?:\s+with\s+[^.!?]*)? | sorry\s+to\s+(?:trouble|bother)\s+you
        | i\s+(?:would|should)\s+be\s+(?:most\s+|very\s+|really\s+|extremely\s+)?grateful
        )(?=$|[\s.!?,;:])[\s.!?,;:]*
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Opening();

    /// <summary>
    /// A closing formula at the end: a sign-off and the name after it, thanks in advance, or thanks closing a message that
    /// asked first (thanks that open a message, "thanks, it worked", are what it says, and stay).
    /// </summary>
    [GeneratedRegex("""
        (?:
          (?<=^|[\s.!?,;:])(?:с\s+уважением|с\s+наилучшими\s+пожеланиями|(?:kind|best|warm)\s+regards|regards|yours\s+(?:faithfully|sincerely|truly)|sincerely)[^!?\n]{0,60}
        | (?<=^|[\s.!?,;:])заранее\s+(?:большое\s+)?(?:спасибо|благодарю|благодарна|благодарен|признательна|признателен)(?:\s+вам)?(?:\s+за\s+[^.!?]{0,40})?
        | (?<=^|[\s.!?,;:])(?:спасибо|благодарю)(?:\s+вам)?\s+заранее
        | (?<=^|[\s.!?,;:])буду\s+(?:очень\s+)?(?:признательна|признателен|благодарна|благодарен)(?:\s+за\s+[^.!?]{0,40})?
        | (?<=^|[\s.!?,;:])(?:many\s+)?thanks?(?:\s+you)?(?:\s+(?:very|so)\s+much)?\s+in\s+advance(?:\s+for\s+[^.!?]{0,40})?
        | (?<=[.!?]\s*)(?:(?:большое\s+)?(?:спасибо|благодарю)(?:\s+вам)?|thanks?(?:\s+you)?(?:\s+(?:very|so)\s+much)?)(?:\s+(?:за|for)\s+[^.!?]{0,40})?
        )[\s.!,;:]*$
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.RightToLeft)]
    private static partial Regex Closing();
}
