using System.Buffers;
using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Model;

/// <summary>
/// Reads a message against the moderators' saved answers by likeness: TF-IDF weighted stems and 4-character fragments
/// of words, cosine similarity to each answer's title and questions, the closest counting. A classifier
/// cannot learn a label from the one or three questions an answer is saved with among thousands of guide examples;
/// likeness can, and the n-grams' rarity across all the training data (IDF) keeps "how do I" and "aliexpress" from
/// counting. One question says little of the words others ask it with, so each saved text also brings the off-topic
/// training messages most like it (<see cref="Neighbours"/>): a message like one of them is like the answer, by both
/// likenesses multiplied. The other off-topic messages compete: a message more like one of them than like the answer
/// asks about that ("change my name" rather than the saved "change my phone number"), and its likeness is lowered by
/// <see cref="Competition"/> of the difference.
/// </summary>
internal sealed class SavedAnswerMatcher
{
    /// <summary>Most off-topic training messages a saved text brings along.</summary>
    private const int Neighbours = 3;

    /// <summary>
    /// Least likeness of an off-topic training message to a saved text to be brought along: the same question in other
    /// words, not everything on its subject. Brought along, it counts times this likeness, so never above the saved text.
    /// </summary>
    private const double NeighbourLikeness = 0.4;

    /// <summary>
    /// How much a message's likeness to an answer is lowered by how much more it is like an off-topic training message
    /// the answer did not bring along (<c>eval --saved</c>: 0.4 kept more unsaved questions from being answered and
    /// answered more saved ones, at <see cref="UnderstandingOptions.SavedAnswerLikeness"/> 0.25).
    /// </summary>
    private const double Competition = 0.4;

    private readonly Dictionary<ulong, float>[] _idf;

    /// <summary>The saved texts and the messages they brought along: each one's answer and how much it counts.</summary>
    private readonly (Topic Topic, double Weight)[] _texts;
    private readonly LikenessIndex _textIndex;

    /// <summary>The off-topic training messages' saved answers that brought them along, by the message's place in <see cref="_offTopicIndex"/>.</summary>
    private readonly HashSet<Topic>[] _broughtBy;
    private readonly LikenessIndex _offTopicIndex;

    private SavedAnswerMatcher(Dictionary<ulong, float>[] idf, IReadOnlyList<(Topic Topic, Dictionary<ulong, float>[] Vector, double Weight)> texts, IReadOnlyList<(Dictionary<ulong, float>[] Vector, HashSet<Topic> BroughtBy)> offTopic)
    {
        _idf = idf;
        _texts = texts.Select(t => (t.Topic, t.Weight)).ToArray();
        _textIndex = new LikenessIndex(texts.Select(t => t.Vector).ToArray());
        _broughtBy = offTopic.Select(o => o.BroughtBy).ToArray();
        _offTopicIndex = new LikenessIndex(offTopic.Select(o => o.Vector).ToArray());
    }

    public static SavedAnswerMatcher Empty { get; } = new([[], []], [], []);

    /// <param name="examples">
    /// Every training text: the saved answers' are matched, the off-topic messages most like them too, all of them weigh
    /// the n-grams.
    /// </param>
    public static SavedAnswerMatcher Build(IReadOnlyList<Training.TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!examples.Any(e => e.Label is { Kind: TopicKind.Saved }))
            return Empty;
        // Only a text's own reading counts (see Counts): its stems, without the other readings Normalize adds.
        var normalized = examples.Select(e => (e.Label, e.Language, Normalized: Analysis.TextNormalizer.Stems(e.Text))).ToArray();
        Dictionary<ulong, float>[] frequency = [[], []];
        foreach (var (_, _, text) in normalized)
        {
            foreach (var (block, counts) in Counts(text).Index())
            {
                foreach (var hash in counts.Keys)
                    frequency[block][hash] = frequency[block].GetValueOrDefault(hash) + 1;
            }
        }
        var documents = normalized.Length;
        var idf = frequency.Select(block => block.ToDictionary(p => p.Key, p => MathF.Log((documents + 1f) / (p.Value + 1f)))).ToArray();
        var matcher = new SavedAnswerMatcher(idf, [], []);
        var saved = normalized.Where(e => e.Label is { Kind: TopicKind.Saved })
            .Select(e => (Topic: e.Label!.Value, e.Language, Vector: matcher.Vector(e.Normalized)))
            .ToArray();
        var offTopic = normalized.Where(e => e.Label is null)
            .Select(e => (e.Language, Vector: matcher.Vector(e.Normalized), BroughtBy: new HashSet<Topic>()))
            .ToArray();
        var texts = new List<(Topic, Dictionary<ulong, float>[], double)>();
        foreach (var (topic, language, vector) in saved)
        {
            texts.Add((topic, vector, 1.0));
            foreach (var (other, likeness) in offTopic.Where(o => o.Language == language)
                .Select(o => (Other: o, Likeness: Similarity(vector, o.Vector)))
                .Where(o => o.Likeness >= NeighbourLikeness)
                .OrderByDescending(o => o.Likeness)
                .Take(Neighbours))
            {
                texts.Add((topic, other.Vector, likeness));
                other.BroughtBy.Add(topic);
            }
        }
        return new SavedAnswerMatcher(idf, texts, offTopic.Select(o => (o.Vector, o.BroughtBy)).ToArray());
    }

    /// <summary>Each saved answer's likeness to the message (0..1), the likeliest first; answers with none are left out.</summary>
    public IReadOnlyList<(Topic? Topic, double Probability)> Match(string normalized)
    {
        if (_texts.Length == 0)
            return [];
        var query = Vector(normalized);
        var best = new Dictionary<Topic, double>();
        var likeness = ArrayPool<double>.Shared.Rent(Math.Max(_texts.Length, _broughtBy.Length));
        try
        {
            _textIndex.Fill(query, likeness);
            for (var i = 0; i < _texts.Length; i++)
            {
                var (topic, weight) = _texts[i];
                if (likeness[i] * weight > best.GetValueOrDefault(topic))
                    best[topic] = likeness[i] * weight;
            }
            _offTopicIndex.Fill(query, likeness);
            foreach (var topic in best.Keys.ToArray())
            {
                var rival = 0.0;
                for (var i = 0; i < _broughtBy.Length; i++)
                {
                    if (likeness[i] > rival && !_broughtBy[i].Contains(topic))
                        rival = likeness[i];
                }
                best[topic] -= Competition * Math.Max(0, rival - best[topic]);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(likeness);
        }
        return best.Select(p => ((Topic?)p.Key, p.Value)).OrderByDescending(p => p.Item2).ToArray();
    }

    /// <summary>
    /// Texts' vectors by n-gram, so a message's likeness to all of them costs the postings of its own n-grams rather than
    /// a pass over every text (two thousand off-topic messages compete with each saved answer).
    /// </summary>
    private sealed class LikenessIndex
    {
        private readonly Dictionary<ulong, (int Text, float Weight)[]>[] _postings;
        private readonly int _count;

        public LikenessIndex(Dictionary<ulong, float>[][] vectors)
        {
            _count = vectors.Length;
            _postings = [.. Enumerable.Range(0, 2).Select(block => vectors
                .SelectMany((vector, text) => vector[block].Select(p => (Hash: p.Key, Text: text, Weight: p.Value)))
                .GroupBy(p => p.Hash)
                .ToDictionary(g => g.Key, g => g.Select(p => (p.Text, p.Weight)).ToArray()))];
        }

        /// <summary>
        /// Writes each text's cosine likeness to <paramref name="query"/> (as <see cref="Similarity"/>) to the first
        /// places of <paramref name="likeness"/>, the texts sharing no n-gram with it 0.
        /// </summary>
        public void Fill(Dictionary<ulong, float>[] query, double[] likeness)
        {
            Array.Clear(likeness, 0, _count);
            for (var block = 0; block < _postings.Length; block++)
            {
                foreach (var (hash, weight) in query[block])
                {
                    if (!_postings[block].TryGetValue(hash, out var postings))
                        continue;
                    foreach (var (text, other) in postings)
                        likeness[text] += weight * other / 2;
                }
            }
        }
    }

    /// <summary>Cosine similarity of two texts' vectors, the blocks' alike.</summary>
    private static double Similarity(Dictionary<ulong, float>[] a, Dictionary<ulong, float>[] b) => (Dot(a[0], b[0]) + Dot(a[1], b[1])) / 2;

    private static double Dot(Dictionary<ulong, float> a, Dictionary<ulong, float> b)
    {
        if (a.Count > b.Count)
            (a, b) = (b, a);
        var sum = 0.0;
        foreach (var (hash, weight) in a)
        {
            if (b.TryGetValue(hash, out var other))
                sum += weight * other;
        }
        return sum;
    }

    /// <summary>The message's n-grams by block, weighted by count × IDF and scaled to unit length per block.</summary>
    private Dictionary<ulong, float>[] Vector(string normalized)
    {
        var counts = Counts(normalized);
        for (var block = 0; block < counts.Length; block++)
        {
            var weights = counts[block];
            var squared = 0f;
            foreach (var hash in weights.Keys.ToArray())
            {
                // An n-gram no training text has (a typo, a product's name) can match no saved text, which are all
                // training texts: weighed, it would only lengthen the message's vector and dilute the words that match.
                if (!_idf[block].TryGetValue(hash, out var idf))
                {
                    weights.Remove(hash);
                    continue;
                }
                var weight = weights[hash] * idf;
                weights[hash] = weight;
                squared += weight * weight;
            }
            if (squared > 0)
            {
                var length = MathF.Sqrt(squared);
                foreach (var hash in weights.Keys.ToArray())
                    weights[hash] /= length;
            }
        }
        return counts;
    }

    /// <summary>
    /// The stems of the message's own reading (not the keyboard-layout and transliteration readings, whose rare
    /// nonsense would outweigh its words) and their character fragments, counted.
    /// </summary>
    private static Dictionary<ulong, float>[] Counts(string normalized)
    {
        Dictionary<ulong, float>[] counts = [[], []];
        var separator = normalized.IndexOf(Analysis.TextNormalizer.ReadingSeparator, StringComparison.Ordinal);
        var reading = separator < 0 ? normalized : normalized[..separator];
        foreach (var word in reading.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Add(counts[0], NgramHashes.Hash(word, WordBasis));
            var framed = "^" + word + "$";
            if (framed.Length <= FragmentLength)
                Add(counts[1], NgramHashes.Hash(framed));
            for (var i = 0; i + FragmentLength <= framed.Length; i++)
                Add(counts[1], NgramHashes.Hash(framed.AsSpan(i, FragmentLength)));
        }
        return counts;

        static void Add(Dictionary<ulong, float> map, ulong hash) => map[hash] = map.GetValueOrDefault(hash) + 1;
    }

    /// <summary>Length of the character fragments of a word ("^паро", "арол", "роль", "оль$"): typos and endings still match.</summary>
    private const int FragmentLength = 4;

    /// <summary>Words hash on from the hash of "w" (the matcher's word hashes have always been those of "w" + the word).</summary>
    private static readonly ulong WordBasis = NgramHashes.Hash("w");
}
