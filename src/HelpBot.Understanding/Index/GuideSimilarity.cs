using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace HelpBot.Understanding.Index;

/// <summary>
/// BM25 whose collection statistics (idf, average text length) count only the guide's own texts: out-of-scope phrases
/// are ranked like any text, but a word they add ("заказ" in "как отменить заказ") must not grow commoner for the
/// guide, or a phrase added for one nearby question reshuffles the answers to unrelated ones.
/// </summary>
internal sealed class GuideSimilarity(IReadOnlyDictionary<string, long> guideDocFreq, long guideDocCount, float guideAverageLength) : BM25Similarity
{
    protected override float AvgFieldLength(CollectionStatistics collectionStats) => guideAverageLength;

    public override Explanation IdfExplain(CollectionStatistics collectionStats, TermStatistics termStats)
    {
        ArgumentNullException.ThrowIfNull(termStats);
        var docFreq = DocFreq(termStats.Term.Utf8ToString());
        return new Explanation(Idf(docFreq, guideDocCount), $"idf(docFreq={docFreq}, guideDocCount={guideDocCount})");
    }

    /// <summary>
    /// How many of the guide's texts have a term; a term only out-of-scope phrases use counts as in one text, as rare
    /// as a word the guide has once.
    /// </summary>
    public long DocFreq(string term) => guideDocFreq.TryGetValue(term, out var docFreq) ? Math.Max(docFreq, 1) : 1;

    public float IdfOf(string term) => Idf(DocFreq(term), guideDocCount);
}
