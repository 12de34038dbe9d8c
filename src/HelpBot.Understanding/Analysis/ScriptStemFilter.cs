using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// Stems each word with the Snowball stemmer of its script (Russian for Cyrillic, English for Latin), so one
/// field holds both languages and a Russian message quoting the English form still matches. Cyrillic stems are
/// then folded (й→и, э→е) because users drop those marks; the fold runs after stemming so endings stay intact.
/// </summary>
internal sealed class ScriptStemFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IKeywordAttribute _keyword;
    private readonly SnowballProgram _russian = new RussianStemmer();
    private readonly SnowballProgram _english = new EnglishStemmer();

    public ScriptStemFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
            return false;
        var length = _term.Length;
        if (length == 0 || _keyword.IsKeyword)
            return true;
        var cyrillic = Scripts.IsCyrillic(_term.Buffer[0]);
        var stemmer = cyrillic ? _russian : Scripts.IsLatin(_term.Buffer[0]) ? _english : null;
        if (stemmer is not null)
        {
            stemmer.SetCurrent(_term.Buffer, length);
            stemmer.Stem();
            var stemmed = stemmer.CurrentBuffer;
            var stemmedLength = stemmer.CurrentBufferLength;
            if (stemmed != _term.Buffer)
                _term.CopyBuffer(stemmed, 0, stemmedLength);
            else
                _term.Length = stemmedLength;
        }
        if (cyrillic)
        {
            var buffer = _term.Buffer;
            for (var i = 0; i < _term.Length; i++)
            {
                buffer[i] = buffer[i] switch
                {
                    'й' => 'и',
                    'э' => 'е',
                    var c => c,
                };
            }
        }
        return true;
    }
}
