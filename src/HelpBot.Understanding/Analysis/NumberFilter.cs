using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace HelpBot.Understanding.Analysis;

/// <summary>Drops tokens made only of digits: "2+2" or an order number says nothing about which section is meant.</summary>
internal sealed class NumberFilter(TokenStream input) : FilteringTokenFilter(Lucene.Net.Util.LuceneVersion.LUCENE_48, input)
{
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

    protected override bool Accept()
    {
        for (var i = 0; i < _term.Length; i++)
        {
            if (!char.IsDigit(_term.Buffer[i]))
                return true;
        }
        return false;
    }
}
