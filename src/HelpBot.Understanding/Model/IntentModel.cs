using System.Collections.Frozen;
using System.Numerics.Tensors;
using System.Text;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Training;

namespace HelpBot.Understanding.Model;

/// <summary>
/// The trained classifier: normalised text → word and character n-grams (<see cref="NgramHashes"/>), counted and
/// scaled to unit length per block → multinomial logistic regression (<see cref="SoftmaxRegression"/>), which gives
/// every label a probability. Reading is a sparse dot product over the message's known n-grams and a softmax: no
/// engine, no allocation beyond the ranking. Training is deterministic (a fixed seed, the data in content order, one
/// thread); reading is thread-safe.
/// </summary>
internal sealed class IntentModel
{
    /// <summary>The label of off-topic messages in the model.</summary>
    private const string OffTopicLabel = TopicNames.OffTopic;

    private const string FileMark = "helpbot-intent-model/3";

    private readonly Topic?[] _labels;
    private readonly string[] _labelNames;
    private readonly FrozenDictionary<ulong, int> _features;

    /// <summary>
    /// Each known n-gram's weight for every label: feature-major rows of <see cref="SoftmaxRegression.Stride"/> floats,
    /// so one n-gram is a few whole-vector adds.
    /// </summary>
    private readonly float[] _weights;

    private readonly float[] _biases;
    private readonly int _wordNgrams;
    private readonly int _charNgrams;

    private IntentModel(string[] labelNames, Dictionary<ulong, int> features, float[] weights, float[] biases, int wordNgrams, int charNgrams)
    {
        _labelNames = labelNames;
        _labels = labelNames.Select(TopicOf).ToArray();
        _features = features.ToFrozenDictionary();
        _weights = weights;
        _biases = biases;
        _wordNgrams = wordNgrams;
        _charNgrams = charNgrams;
    }

    /// <summary>How many distinct n-grams the model knows.</summary>
    public int FeatureCount => _features.Count;

    /// <summary>Trains on <paramref name="examples"/>, each read by <see cref="TextNormalizer"/>.</summary>
    public static IntentModel Train(IReadOnlyList<TrainingExample> examples, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(settings);
        var labelNames = examples.Select(e => LabelOf(e.Label)).Distinct(StringComparer.Ordinal).ToArray();
        var labelIndex = labelNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var features = new Dictionary<ulong, int>();
        var counted = new (int[] Indices, float[] Values)[examples.Count];
        var counter = new Counter(features);
        for (var i = 0; i < examples.Count; i++)
        {
            counter.Clear();
            NgramHashes.ForEach(TextNormalizer.Normalize(examples[i].Text), settings.WordNgrams, settings.CharNgrams, ref counter);
            counted[i] = counter.Normalized();
        }
        var fitted = SoftmaxRegression.Fit(
            counted.Select((c, i) => new SoftmaxRegression.Example(labelIndex[LabelOf(examples[i].Label)], c.Indices, c.Values)).ToArray(),
            features.Count, labelNames.Length, settings);
        return new IntentModel(labelNames, features, fitted.Weights, fitted.Biases, settings.WordNgrams, settings.CharNgrams);
    }

    /// <summary>Writes the model: its n-gram sizes, labels, known n-grams and weights.</summary>
    public void Save(string path)
    {
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(FileMark);
        writer.Write(_wordNgrams);
        writer.Write(_charNgrams);
        writer.Write(_labelNames.Length);
        foreach (var name in _labelNames)
            writer.Write(name);
        foreach (var bias in _biases)
            writer.Write(bias);
        writer.Write(_features.Count);
        foreach (var (hash, index) in _features)
        {
            writer.Write(hash);
            writer.Write(index);
        }
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_weights.AsSpan()));
    }

    /// <summary>Reads a model written by <see cref="Save"/>; a file that is not one throws <see cref="InvalidDataException"/>.</summary>
    public static IntentModel Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        try
        {
            if (reader.ReadString() != FileMark)
                throw new InvalidDataException("not a HelpBot intent model");
            var wordNgrams = reader.ReadInt32();
            var charNgrams = reader.ReadInt32();
            var labelNames = new string[Checked(reader.ReadInt32(), 10_000)];
            for (var i = 0; i < labelNames.Length; i++)
                labelNames[i] = reader.ReadString();
            var biases = new float[labelNames.Length];
            for (var i = 0; i < biases.Length; i++)
                biases[i] = reader.ReadSingle();
            var count = Checked(reader.ReadInt32(), 50_000_000 / Math.Max(labelNames.Length, 1));
            var features = new Dictionary<ulong, int>(count);
            for (var i = 0; i < count; i++)
                features.Add(reader.ReadUInt64(), Checked(reader.ReadInt32(), count - 1));
            var weights = new float[count * SoftmaxRegression.Stride(labelNames.Length)];
            reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
            return new IntentModel(labelNames, features, weights, biases, wordNgrams, charNgrams);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("the model file ends early", ex);
        }
    }

    /// <summary>Every label's probability for a normalised message, the likeliest first; a null topic is off-topic.</summary>
    public (Topic? Topic, double Probability)[] Rank(string normalized)
    {
        var labels = _labels.Length;
        var sink = new WeightSum(this, SoftmaxRegression.Stride(labels));
        NgramHashes.ForEach(normalized, _wordNgrams, _charNgrams, ref sink);
        var scores = sink.Scores().AsSpan(0, labels);
        TensorPrimitives.Add(scores, _biases, scores);
        TensorPrimitives.SoftMax(scores, scores);
        var ranked = new (Topic?, double)[labels];
        for (var i = 0; i < labels; i++)
            ranked[i] = (_labels[i], scores[i]);
        Array.Sort(ranked, static (a, b) => b.Item2.CompareTo(a.Item2));
        return ranked;
    }

    private static int Checked(int value, int max) =>
        value >= 0 && value <= max ? value : throw new InvalidDataException($"the model file holds an impossible count {value}");

    private static string LabelOf(Topic? topic) => topic is { } t ? t.Guide + "/" + TopicNames.Format(t, "") : OffTopicLabel;

    private static Topic? TopicOf(string label)
    {
        if (label == OffTopicLabel)
            return null;
        var slash = label.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 && TopicNames.TryParse(label[(slash + 1)..], label[..slash], out var topic)
            ? topic
            : throw new InvalidDataException($"the model has an unknown label '{label}'");
    }

    /// <summary>Collects a training message's n-grams by block, giving new ones the next index.</summary>
    private readonly struct Counter(Dictionary<ulong, int> features) : IFeatureSink
    {
        private readonly List<int>[] _seen = [[], []];

        public void Add(ulong hash, Block block)
        {
            ref var index = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(features, hash, out var known);
            if (!known)
                index = features.Count - 1;
            _seen[(int)block].Add(index);
        }

        public void Clear()
        {
            foreach (var seen in _seen)
                seen.Clear();
        }

        /// <summary>The n-grams counted and their counts, each block scaled to unit length as reading does.</summary>
        public (int[] Indices, float[] Values) Normalized()
        {
            var indices = new List<int>();
            var values = new List<float>();
            foreach (var seen in _seen)
            {
                seen.Sort();
                var first = values.Count;
                var squared = 0f;
                for (var i = 0; i < seen.Count;)
                {
                    var run = i;
                    while (run < seen.Count && seen[run] == seen[i])
                        run++;
                    indices.Add(seen[i]);
                    values.Add(run - i);
                    squared += (run - i) * (run - i);
                    i = run;
                }
                for (var i = first; i < values.Count; i++)
                    values[i] /= MathF.Sqrt(squared);
            }
            return ([.. indices], [.. values]);
        }
    }

    /// <summary>
    /// Adds each known n-gram's weights to its block's scores, and keeps each block's squared length: a repeated n-gram's
    /// count c adds 2c + 1 to it. The counts live in the thread's own open-addressing table, stamped per message so it
    /// is never cleared: a message's few hundred n-grams cost no allocation and no hashing beyond the index itself.
    /// </summary>
    private struct WeightSum : IFeatureSink
    {
        /// <summary>Slots of the counts table: a power of two, well above the n-grams of the longest message read.</summary>
        private const int SlotBits = 14;

        private const int Slots = 1 << SlotBits;

        [ThreadStatic]
        private static CountTable? t_counts;

        private readonly IntentModel _model;
        private readonly float[] _words;
        private readonly float[] _characters;
        private readonly CountTable _counts;
        private float _wordLength;
        private float _characterLength;

        public WeightSum(IntentModel model, int stride)
        {
            _model = model;
            _words = new float[stride];
            _characters = new float[stride];
            _counts = t_counts ??= new CountTable();
            _counts.Stamp++;
        }

        public void Add(ulong hash, Block block)
        {
            if (!_model._features.TryGetValue(hash, out var index))
                return;
            var added = (2 * _counts.Increment(index)) + 1;
            float[] scores;
            if (block == Block.Words)
            {
                scores = _words;
                _wordLength += added;
            }
            else
            {
                scores = _characters;
                _characterLength += added;
            }
            SoftmaxRegression.AddScaled(_model._weights.AsSpan(index * scores.Length, scores.Length), 1, scores);
        }

        /// <summary>The scores: each block's sum divided by its length.</summary>
        public readonly float[] Scores()
        {
            if (_wordLength > 0)
                TensorPrimitives.Multiply(_words, 1 / MathF.Sqrt(_wordLength), _words);
            if (_characterLength > 0)
                TensorPrimitives.MultiplyAdd(_characters, 1 / MathF.Sqrt(_characterLength), _words, _words);
            return _words;
        }

        /// <summary>How often each n-gram index was seen in the current message (the one with the current stamp).</summary>
        private sealed class CountTable
        {
            private readonly int[] _keys = new int[Slots];
            private readonly int[] _counts = new int[Slots];
            private readonly int[] _stamps = new int[Slots];

            public int Stamp { get; set; }

            /// <summary>Counts one more sighting of <paramref name="index"/>; returns the count before it.</summary>
            public int Increment(int index)
            {
                // Fibonacci hashing: the top SlotBits bits of the index times 2^32 ÷ φ.
                var slot = (int)(((uint)index * 2654435769u) >> (32 - SlotBits));
                while (true)
                {
                    if (_stamps[slot] != Stamp)
                    {
                        _stamps[slot] = Stamp;
                        _keys[slot] = index;
                        _counts[slot] = 1;
                        return 0;
                    }
                    if (_keys[slot] == index)
                        return _counts[slot]++;
                    slot = (slot + 1) & (Slots - 1);
                }
            }
        }
    }
}
