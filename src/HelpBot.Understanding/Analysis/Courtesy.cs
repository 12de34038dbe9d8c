using System.Text.RegularExpressions;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// Takes the letter's frame off a polite message before it is read: the greeting, the address ("Dear Sir or Madam",
/// "Уважаемая служба поддержки"), apologies for troubling, thanks in advance and the sign-off with its name. They say
/// nothing about what is asked, yet in a long formal letter they are half the words: each of the reader's blocks is
/// scaled to unit length, so they drowned the few words that ask, and since off-topic letters wear the same frame they
/// pulled polite questions towards "not ours". A message that is nothing but courtesy ("Здравствуйте!", "thank you")
/// is left whole, and so is a short one ("hello, could you help me"): it is small talk, and the reader knows it as such.
/// </summary>
internal static partial class Courtesy
{
    /// <summary>Fewer words than this left after the frame is taken off: the message was courtesy, and is read as written.</summary>
    private const int MinWordsLeft = 5;

    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 12)
            return text;
        var stripped = Frame().Replace(text, " ");
        // "Благодарю за ответ. С уважением, Ирина." closes twice.
        for (var closings = 0; closings < 2; closings++)
            stripped = SignOff().Replace(stripped, "");
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

    /// <summary>Greetings, addresses, apologies for troubling and thanks, wherever they stand, with the punctuation after them.</summary>
    [GeneratedRegex("""
        (?:^|(?<=[\s.!?,;:]))(?:
          здравствуйте | добр(?:ый|ого)\s+(?:день|вечер|дня|времени\s+суток) | доброе\s+утро | приветствую
        | уважаем(?:ая|ые|ый|ое)\s+(?:служба\s+поддержки|поддержка|специалисты|сотрудники|администрация|господа|коллеги|модераторы|команда)
        | извините\s+за\s+беспокойство | прошу\s+прощения\s+за\s+беспокойство
        | заранее\s+(?:большое\s+)?(?:спасибо|благодарю|благодарна|благодарен|признательна|признателен)(?:\s+вам)?(?:\s+за\s+(?:ответ|помощь|внимание|разъяснени[ея]|подробный\s+ответ|консультацию))?
        | (?:спасибо|благодарю)(?:\s+вам)?\s+заранее
        | буду\s+(?:очень\s+)?(?:признательна|признателен|благодарна|благодарен)(?:\s+за\s+(?:ответ|помощь|подробный\s+ответ|разъяснени[ея]))?
        | будьте\s+(?:так\s+)?любезны
        | hello | good\s+(?:morning|afternoon|evening|day) | to\s+whom\s+it\s+may\s+concern
        | dear\s+(?:sir\s+or\s+madam|sir\s*/\s*madam|sirs?|madam|support(?:\s+team)?|team|colleagues|moderators)
        | i\s+apologi[sz]e\s+for\s+(?:troubling|bothering)\s+you(?:\s+with\s+[^.!?]*)? | sorry\s+to\s+(?:trouble|bother)\s+you
        | (?:many\s+)?thanks?(?:\s+you)?(?:\s+(?:very|so)\s+much)?\s+in\s+advance(?:\s+for\s+(?:your|any)\s+(?:help|assistance|time|advice|reply|answer|attention|explanation))?
        | i\s+(?:would|should)\s+be\s+(?:most\s+|very\s+|really\s+|extremely\s+)?grateful(?:\s+for\s+(?:your|any)\s+(?:help|advice|assistance|explanation|reply))?
        )(?=$|[\s.!?,;:])[\s.!?,;:]*
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Frame();

    /// <summary>
    /// A closing formula and whatever follows it (the name), and thanks closing a message that asked first; thanks that
    /// open a message ("thanks, it worked") are what it says, and stay.
    /// </summary>
    [GeneratedRegex("""
        (?:(?:^|(?<=[\s.!?,;:]))(?:с\s+уважением|с\s+наилучшими\s+пожеланиями|(?:kind|best|warm)\s+regards|regards|yours\s+(?:faithfully|sincerely|truly)|sincerely)
          [^!?\n]{0,60}
        | (?<=[.!?]\s*)(?:(?:большое\s+)?(?:спасибо|благодарю)(?:\s+вам)?|thanks?(?:\s+you)?(?:\s+(?:very|so)\s+much)?)
          (?:\s+(?:за|for)\s+[^.!?]{0,40})?[.!\s]*
        )$
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex SignOff();
}
