using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// Marks <see cref="StopWords.Function"/> words: typed <see cref="Type"/> and protected from stemming. The "t" left of
/// "don't" or "can't" by the tokenizer becomes "not", so both apostrophes and a missing one read the same; other forms of an
/// outcome word become that word ("станет" → "будет", "happened" → "happen").
/// </summary>
internal sealed class FunctionWordFilter : TokenFilter
{
    public const string Type = "function";

    private readonly ICharTermAttribute _term;
    private readonly ITypeAttribute _type;
    private readonly IKeywordAttribute _keyword;

    public FunctionWordFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _type = AddAttribute<ITypeAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
            return false;
        if (_term.Length == 1 && _term.Buffer[0] == 't')
            _term.SetEmpty().Append("not");
        else if (StopWords.OutcomeOf(_term.Buffer, _term.Length) is { } outcome)
            _term.SetEmpty().Append(outcome);
        if (StopWords.Function.Contains(_term.Buffer, 0, _term.Length))
        {
            _type.Type = Type;
            _keyword.IsKeyword = true;
        }
        return true;
    }
}
