using System.Text;
using HelpBot.Understanding.Repair;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// The first stage of reading: a message becomes the words the classifier sees. Words are runs of letters and digits
/// (so "aliexpress.com", "e-mail,", emoji break into plain words), lower case, ё→е, each stemmed by the Snowball stemmer
/// of its script (Russian for Cyrillic, English for Latin), so "удалить", "удалю" and "удаление" share a stem; Cyrillic
/// stems are then folded (й→и, э→е) because users drop those marks. Latin letters are also read as Russian typed on the
/// wrong keyboard layout ("elfkbnm" → "удалить") and as transliteration ("udalit"), Cyrillic ones as English typed on
/// the Russian layout; those readings' words are appended after " | ", and the classifier, trained the same way, learns
/// which of them carry meaning. A polite letter's frame (<see cref="Courtesy"/>) is taken off first. Each thread keeps
/// its own stemmers and buffers, so reading allocates little.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>
    /// Words of each reading that are kept: its last ones, since a long message tells its story first and asks last;
    /// the rest of a very long message says little more.
    /// </summary>
    public const int MaxWords = 60;

    /// <summary>Characters of a message that are read at all: its tail, enough for <see cref="MaxWords"/> words.</summary>
    public const int MaxCharacters = 600;

    /// <summary>Longest word: a longer run of letters is cut into words of this length.</summary>
    private const int MaxWordLength = 255;

    /// <summary>Between a message's readings in the normalised text (<see cref="Model.NgramHashes"/> splits on it).</summary>
    public const string ReadingSeparator = " | ";

    [ThreadStatic]
    private static Workspace? t_workspace;

    public static string Normalize(string text) => Normalize(text, out _);

    /// <param name="words">How many words the message itself has (its readings aside).</param>
    public static string Normalize(string text, out int words)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Courtesy.Strip(Tail(text));
        var workspace = t_workspace ??= new Workspace();
        var normalized = workspace.Output.Clear();
        words = workspace.AppendStems(text);
        if (Scripts.HasLatin(text))
        {
            workspace.AppendStems(KeyboardLayout.ToCyrillic(text));
            workspace.AppendStems(Transliteration.ToCyrillic(text));
        }
        if (Scripts.HasCyrillic(text))
            workspace.AppendStems(KeyboardLayout.ToLatin(text));
        return normalized.ToString();
    }

    /// <summary>The stems of a text's own words, separated by spaces, without its readings on the other layout or as transliteration.</summary>
    public static string Stems(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var workspace = t_workspace ??= new Workspace();
        workspace.Output.Clear();
        workspace.AppendStems(Tail(text));
        return workspace.Output.ToString();
    }

    /// <summary>The last <see cref="MaxCharacters"/> characters of a text, from a word's start.</summary>
    private static string Tail(string text)
    {
        if (text.Length <= MaxCharacters)
            return text;
        var tail = text.AsSpan(text.Length - MaxCharacters);
        var space = tail.IndexOfAny(' ', '\n');
        return (space >= 0 ? tail[(space + 1)..] : tail).ToString();
    }

    /// <summary>Spellings that should be one word; splitting at the hyphen would make "e-mail" two.</summary>
    private static string Respell(string text)
    {
        if (!text.Contains('-', StringComparison.Ordinal))
            return text;
        return text.Replace("e-mail", "email", StringComparison.OrdinalIgnoreCase)
            .Replace("е-мейл", "емейл", StringComparison.OrdinalIgnoreCase)
            .Replace("и-мейл", "емейл", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A thread's stemmers and buffers.</summary>
    private sealed class Workspace
    {
        private readonly SnowballProgram _russian = new RussianStemmer();
        private readonly SnowballProgram _english = new EnglishStemmer();
        private readonly char[] _word = new char[MaxWordLength + 2];
        private readonly List<int> _words = new(MaxWords * 4);

        public StringBuilder Output { get; } = new(256);

        /// <summary>Appends a reading's last <see cref="MaxWords"/> stems (after " | " unless it is the first); returns how many.</summary>
        public int AppendStems(string? text)
        {
            if (text is null)
                return 0;
            if (Output.Length > 0)
                Output.Append(ReadingSeparator);
            var respelled = Respell(text);
            FindWords(respelled);
            // Only the words kept are stemmed: a long message's story costs a scan, not a stemmer run a word.
            var first = Math.Max(0, (_words.Count / 2) - MaxWords);
            for (var w = first; w < _words.Count / 2; w++)
            {
                var (start, end) = (_words[2 * w], _words[(2 * w) + 1]);
                var length = 0;
                for (var i = start; i < end; i++)
                {
                    var c = char.ToLowerInvariant(respelled[i]);
                    _word[length++] = c == 'ё' ? 'е' : c;
                }
                AppendStem(length, isFirst: w == first);
            }
            return (_words.Count / 2) - first;
        }

        /// <summary>
        /// Finds the words of a text, as start and end offsets in <see cref="_words"/>: runs of letters and digits (a
        /// letter beyond the basic plane counts; emoji and other symbols do not), at most <see cref="MaxWordLength"/> long.
        /// </summary>
        private void FindWords(string text)
        {
            _words.Clear();
            var start = -1;
            for (var i = 0; i < text.Length; i++)
            {
                var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                var isWordChar = pair ? System.Text.Rune.IsLetterOrDigit(new System.Text.Rune(text[i], text[i + 1])) : char.IsLetterOrDigit(text[i]);
                var width = pair ? 2 : 1;
                if (isWordChar && start >= 0 && i + width - start > MaxWordLength)
                {
                    _words.Add(start);
                    _words.Add(i);
                    start = -1;
                }
                if (isWordChar && start < 0)
                    start = i;
                else if (!isWordChar && start >= 0)
                {
                    _words.Add(start);
                    _words.Add(i);
                    start = -1;
                }
                i += width - 1;
            }
            if (start >= 0)
            {
                _words.Add(start);
                _words.Add(text.Length);
            }
        }

        /// <summary>Stems the word in the buffer with its script's stemmer and appends it, after a space unless it is the first.</summary>
        private void AppendStem(int length, bool isFirst)
        {
            var cyrillic = Scripts.IsCyrillic(_word[0]);
            var stemmer = cyrillic ? _russian : Scripts.IsLatin(_word[0]) ? _english : null;
            var stem = _word;
            if (stemmer is not null)
            {
                stemmer.SetCurrent(_word, length);
                stemmer.Stem();
                stem = stemmer.CurrentBuffer;
                length = stemmer.CurrentBufferLength;
            }
            if (!isFirst)
                Output.Append(' ');
            for (var i = 0; i < length; i++)
            {
                Output.Append(cyrillic ? stem[i] switch
                {
                    'й' => 'и',
                    'э' => 'е',
                    var c => c,
                } : stem[i]);
            }
        }
    }
}
