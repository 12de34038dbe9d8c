using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Index;

/// <summary>
/// Recognises a form option pasted or typed into a message ("I registered by mistake", "что значит I’m retired not in
/// business anymore?"): the option's words in their order say which option it is better than any ranking, whose
/// near neighbours share most of the words ("mistake" is also in the invalid e-mail option's advice).
/// </summary>
internal sealed class OptionQuotes
{
    /// <summary>Consecutive words of an option a message must repeat to quote it from anywhere in the message.</summary>
    private const int MinQuotedTerms = 3;

    /// <summary>Fewest words of a message that is nothing but the start of an option ("i registered by mistake"), unless it asks what they mean.</summary>
    private const int MinStartTerms = 2;

    /// <summary>
    /// Words asking what a quoted option means ("что значит I was scammed", "what does Other mean", "что за вариант
    /// I registered by mistake"): around a quote, they are not part of the message.
    /// </summary>
    public static readonly string[] MeaningWords =
        ["значит", "означает", "переводится", "перевод", "переведи", "переведите", "вариант", "mean", "means", "meaning", "translate", "translation", "option"];

    private readonly (Topic Topic, string[] Terms)[] _options;
    private readonly IReadOnlySet<string> _meaningTerms;
    private readonly IReadOnlySet<string> _listTerms;

    /// <param name="options">Each option's terms as analysed, question words and negation left out.</param>
    /// <param name="meaningTerms"><see cref="MeaningWords"/> as analysed.</param>
    /// <param name="listTerms">
    /// The terms of the list of reasons' own texts ("список причин", "reason options"): around a quote they say where
    /// the option is ("i was scammed — что значит в списке причин"), so, like <see cref="MeaningWords"/>, they are not
    /// part of the message.
    /// </param>
    public OptionQuotes(IEnumerable<(Topic Topic, string[] Terms)> options, IReadOnlySet<string> meaningTerms, IReadOnlySet<string> listTerms)
    {
        _options = options.Where(o => o.Terms.Length > 0).DistinctBy(o => (o.Topic, string.Join(' ', o.Terms))).ToArray();
        _meaningTerms = meaningTerms;
        _listTerms = listTerms;
    }

    /// <summary>
    /// The option the message quotes: three of its words in a row, or the message is its first words (two, or one when
    /// the message asks what it means: "что означает I'm retired"), or the message is the whole of a short option
    /// ("I was scammed", "Other"). <see cref="MeaningWords"/> and the list's words around the quote are not part of the
    /// message (a word is the list's when any of its readings is: "списке" reads as "список"). Null when it
    /// quotes none, or two equally. A message word matches an option word through any of its readings, so a typo that
    /// is itself a guide word ("registred", read as "registration") still quotes "I registered by mistake".
    /// </summary>
    /// <param name="messageWords">Per message word, its term and the terms it may stand for; question words and negation left out.</param>
    public Topic? Find(IReadOnlyList<(string Term, IReadOnlyCollection<string> Readings)> messageWords)
    {
        var asksMeaning = messageWords.Any(w => _meaningTerms.Contains(w.Term));
        var words = messageWords.Where(w => !_meaningTerms.Contains(w.Term) && !w.Readings.Any(_listTerms.Contains)).Select(w => w.Readings).ToArray();
        var minStart = asksMeaning ? 1 : MinStartTerms;
        Topic? best = null;
        var bestLength = 0;
        var tie = false;
        foreach (var (topic, terms) in _options)
        {
            var (length, start) = LongestCommonRun(words, terms);
            var whole = length == words.Length;
            var quoted = length >= MinQuotedTerms
                || (whole && length == terms.Length)
                || (whole && length >= minStart && start == 0);
            if (!quoted || length < bestLength)
                continue;
            tie = length == bestLength && best != topic;
            best = topic;
            bestLength = length;
        }
        return tie ? null : best;
    }

    /// <summary>The longest run of message words matching consecutive option terms, and where in the option it starts.</summary>
    private static (int Length, int Start) LongestCommonRun(IReadOnlyCollection<string>[] words, string[] terms)
    {
        var (longest, start) = (0, 0);
        var previous = new int[terms.Length + 1];
        var current = new int[terms.Length + 1];
        for (var i = 1; i <= words.Length; i++)
        {
            for (var j = 1; j <= terms.Length; j++)
            {
                current[j] = words[i - 1].Contains(terms[j - 1]) ? previous[j - 1] + 1 : 0;
                if (current[j] > longest)
                    (longest, start) = (current[j], j - current[j]);
            }
            (previous, current) = (current, previous);
        }
        return (longest, start);
    }
}
