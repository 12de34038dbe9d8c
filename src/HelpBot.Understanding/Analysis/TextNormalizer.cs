using System.Text;
using HelpBot.Understanding.Repair;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.TokenAttributes;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// The first stage of reading: a message becomes the words the classifier sees. Letters-and-digits words, lower case,
/// ё→е, each stemmed by the Snowball stemmer of its script, so "удалить", "удалю" and "удаление" share a stem. Latin
/// letters are also read as Russian typed on the wrong keyboard layout ("elfkbnm" → "удалить") and as transliteration
/// ("udalit"), Cyrillic ones as English typed on the Russian layout; those readings' words are appended, and the
/// classifier, trained the same way, learns which of them carry meaning.
/// </summary>
internal sealed class TextNormalizer : Analyzer
{
    /// <summary>Spellings that should be one word; the tokenizer would otherwise split "e-mail" in two.</summary>
    private static readonly NormalizeCharMap Spellings = BuildSpellings();

    /// <summary>Words of a message that are read: the rest of a very long message says little more.</summary>
    public const int MaxWords = 60;

    public string Normalize(string text) => Normalize(text, out _);

    /// <param name="words">How many words the message itself has (its readings aside).</param>
    public string Normalize(string text, out int words)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = new StringBuilder();
        words = AppendStems(text, normalized);
        if (Scripts.HasLatin(text))
        {
            AppendStems(KeyboardLayout.ToCyrillic(text), normalized);
            AppendStems(Transliteration.ToCyrillic(text), normalized);
        }
        if (Scripts.HasCyrillic(text))
            AppendStems(KeyboardLayout.ToLatin(text), normalized);
        return normalized.ToString();
    }

    /// <summary>The stems of a text, in order.</summary>
    public List<string> Stems(string text)
    {
        var stems = new List<string>();
        using var stream = GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stems.Count < MaxWords && stream.IncrementToken())
            stems.Add(term.ToString());
        stream.End();
        return stems;
    }

    /// <summary>Appends a reading's stems after " | "; returns how many there were.</summary>
    private int AppendStems(string? text, StringBuilder words)
    {
        if (text is null)
            return 0;
        if (words.Length > 0)
            words.Append(" | ");
        var stems = Stems(text);
        words.AppendJoin(' ', stems);
        return stems.Count;
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new LetterOrDigitTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new ScriptStemFilter(tokenizer));
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(Spellings, reader);

    private static NormalizeCharMap BuildSpellings()
    {
        var builder = new NormalizeCharMap.Builder();
        builder.Add("ё", "е");
        builder.Add("Ё", "Е");
        foreach (var email in new[] { "e-mail", "E-mail", "E-Mail", "e-Mail", "E-MAIL" })
            builder.Add(email, "email");
        foreach (var email in new[] { "е-мейл", "Е-мейл", "и-мейл", "И-мейл" })
            builder.Add(email, "емейл");
        return builder.Build();
    }
}
