namespace HelpBot.Understanding.Index;

/// <summary>
/// Finds indexed terms within a small edit distance of a misspelt word (symmetric deletion, as in SymSpell):
/// every term is stored under each string it becomes after deleting up to two letters, so a query only
/// generates its own deletions and looks them up. Lucene's FuzzyTermsEnum builds a Levenshtein automaton per
/// word instead, which cost about a millisecond and megabytes for each unknown word of a message.
/// </summary>
internal sealed class TypoIndex
{
    private readonly Dictionary<string, List<string>> _byDeletion = new(StringComparer.Ordinal);

    public TypoIndex(IEnumerable<string> vocabulary, int minLength)
    {
        foreach (var term in vocabulary.Where(t => t.Length >= minLength))
        {
            foreach (var deletion in Deletions(term, MaxEdits(term)))
            {
                if (!_byDeletion.TryGetValue(deletion, out var terms))
                    _byDeletion[deletion] = terms = [];
                terms.Add(term);
            }
        }
    }

    /// <summary>One edit for words up to six letters, two from seven on: short words have too many neighbours.</summary>
    public static int MaxEdits(string term) => term.Length >= 7 ? 2 : 1;

    /// <summary>Terms that share the first letter and are within <see cref="MaxEdits"/> edits (a swap of neighbours is one), with 1 − edits / length.</summary>
    public IEnumerable<(string Term, float Similarity)> Similar(string word)
    {
        var maxEdits = MaxEdits(word);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var deletion in Deletions(word, maxEdits))
        {
            if (!_byDeletion.TryGetValue(deletion, out var terms))
                continue;
            foreach (var term in terms)
            {
                if (term[0] != word[0] || !seen.Add(term))
                    continue;
                var distance = Distance(word, term, Math.Max(maxEdits, MaxEdits(term)));
                if (distance > 0 && distance <= maxEdits)
                    yield return (term, 1f - (float)distance / Math.Min(word.Length, term.Length));
            }
        }
    }

    /// <summary>The word itself and every string left after deleting up to <paramref name="edits"/> letters.</summary>
    private static HashSet<string> Deletions(string word, int edits)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { word };
        var frontier = new List<string> { word };
        for (var round = 0; round < edits; round++)
        {
            var next = new List<string>();
            foreach (var text in frontier.Where(t => t.Length > 1))
            {
                for (var i = 0; i < text.Length; i++)
                {
                    var deleted = text.Remove(i, 1);
                    if (result.Add(deleted))
                        next.Add(deleted);
                }
            }
            frontier = next;
        }
        return result;
    }

    /// <summary>Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring), capped.</summary>
    private static int Distance(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) > cap)
            return cap + 1;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
            }
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
