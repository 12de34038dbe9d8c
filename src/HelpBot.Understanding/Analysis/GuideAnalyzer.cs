using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using HelpBot.Understanding.Index;
using Lucene.Net.Util;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// One analyzer for both languages, used for the content and for user messages alike:
/// letters-and-digits tokens, lower case, ё→е, Russian and English stop words, no bare numbers, function words marked, then per-script Snowball stemming.
/// </summary>
internal sealed class GuideAnalyzer : Analyzer
{
    /// <summary>Spellings that should index as one word; the tokenizer would otherwise split "e-mail" in two.</summary>
    private static readonly NormalizeCharMap Spellings = BuildSpellings();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new LetterOrDigitTokenizer(reader);
        TokenStream stream = new StopFilter(LuceneVersion.LUCENE_48, tokenizer, StopWords.Removed);
        stream = new NumberFilter(stream);
        stream = new FunctionWordFilter(stream);
        stream = new ScriptStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(Spellings, reader);

    /// <summary>The terms of a text, in order, as the index stores them.</summary>
    public List<AnalyzedTerm> Terms(string text)
    {
        var terms = new List<AnalyzedTerm>();
        using var stream = GetTokenStream(GuideIndex.TextField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var surface = text[offset.StartOffset..offset.EndOffset].ToLowerInvariant().Replace('ё', 'е');
            terms.Add(new AnalyzedTerm(term.ToString(), type.Type == FunctionWordFilter.Type, surface));
        }
        stream.End();
        return terms;
    }

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
