namespace HelpBot.Understanding.Index;

/// <summary>
/// One analysed word of a message: the indexed terms it may stand for (none when the guide does not know it)
/// and how much it tells (BM25 idf; a word the guide does not know tells as much as its rarest word).
/// </summary>
internal sealed record QueryWord(string Term, IReadOnlyList<TermCandidate> Candidates, float Idf)
{
    public bool IsKnown => Candidates.Count > 0;

    /// <summary>A question word or negation (zero <see cref="Idf"/>): it ranks but does not count towards confidence.</summary>
    public bool IsFunction { get; init; }

    /// <summary>An unknown word that is an ordinary word of its language (<see cref="Analysis.CommonWords"/>).</summary>
    public bool IsCommon { get; init; }

    /// <summary>Written in the past tense ("pressed", "нажал"): the user tells what they have done.</summary>
    public bool IsPastTense { get; init; }

    /// <summary>How well the guide knows this word: 1 for an exact term or a function word, the best weight for a typo, 0 if unknown.</summary>
    public float Knownness => IsFunction ? 1 : Candidates.Count == 0 ? 0 : Candidates.Max(c => c.Weight);
}
