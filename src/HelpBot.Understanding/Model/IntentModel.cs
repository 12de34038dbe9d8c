using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Training;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace HelpBot.Understanding.Model;

/// <summary>
/// The trained classifier: normalised text → word 1–2-grams and character 1–4-grams (ML.NET's text featuriser) →
/// multinomial logistic regression (L-BFGS maximum entropy), which gives every label a probability. Training is
/// deterministic: a fixed seed, the data in content order, one thread. Predicting is thread-safe (a pool of engines).
/// </summary>
internal sealed class IntentModel
{
    /// <summary>The label of off-topic messages in the model.</summary>
    private const string OffTopicLabel = TopicNames.OffTopic;

    private readonly ObjectPool<PredictionEngine<ModelInput, ModelOutput>> _engines;
    private readonly Topic?[] _labels;

    private IntentModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, Topic?[] labels)
    {
        _labels = labels;
        Transformer = transformer;
        InputSchema = inputSchema;
        _engines = new DefaultObjectPool<PredictionEngine<ModelInput, ModelOutput>>(new EnginePolicy(ml, transformer), Environment.ProcessorCount * 2);
    }

    public ITransformer Transformer { get; }

    public DataViewSchema InputSchema { get; }

    /// <summary>Trains on <paramref name="examples"/>, each read by <paramref name="normalizer"/>.</summary>
    public static IntentModel Train(IReadOnlyList<TrainingExample> examples, TextNormalizer normalizer, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(normalizer);
        ArgumentNullException.ThrowIfNull(settings);
        var ml = new MLContext(seed: 1);
        var rows = examples.Select(e => new ModelInput { Label = LabelOf(e.Label), Text = normalizer.Normalize(e.Text) }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(ModelInput.Label))
            .Append(ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
            {
                CaseMode = TextNormalizingEstimator.CaseMode.Lower,
                KeepDiacritics = true,
                KeepPunctuations = false,
                KeepNumbers = true,
                StopWordsRemoverOptions = null,
                WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.WordNgrams, UseAllLengths = true },
                CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.CharNgrams, UseAllLengths = true },
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(ModelInput.Text)))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(ModelInput.Label),
                FeatureColumnName = "Features",
                L1Regularization = 0,
                L2Regularization = settings.L2,
                OptimizationTolerance = settings.Tolerance,
                NumberOfThreads = 1,
            }));
        var transformer = pipeline.Fit(data);
        return new IntentModel(ml, transformer, data.Schema, LabelsOf(transformer.GetOutputSchema(data.Schema)));
    }

    /// <summary>Writes the model as an ML.NET model file.</summary>
    public void Save(string path) => new MLContext().Model.Save(Transformer, InputSchema, path);

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    public static IntentModel Load(string path)
    {
        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(path, out var inputSchema);
        return new IntentModel(ml, transformer, inputSchema, LabelsOf(transformer.GetOutputSchema(inputSchema)));
    }

    /// <summary>Every label's probability for a normalised message, the likeliest first; a null topic is off-topic.</summary>
    public IReadOnlyList<(Topic? Topic, double Probability)> Rank(string normalized)
    {
        var engine = _engines.Get();
        try
        {
            var scores = engine.Predict(new ModelInput { Text = normalized }).Score;
            var ranked = new (Topic?, double)[scores.Length];
            for (var i = 0; i < scores.Length; i++)
                ranked[i] = (_labels[i], scores[i]);
            Array.Sort(ranked, (a, b) => b.Item2.CompareTo(a.Item2));
            return ranked;
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private static string LabelOf(Topic? topic) => topic is { } t ? t.Guide + "/" + TopicNames.Format(t, "") : OffTopicLabel;

    private static Topic? TopicOf(string label)
    {
        if (label == OffTopicLabel)
            return null;
        var slash = label.IndexOf('/', StringComparison.Ordinal);
        return TopicNames.TryParse(label[(slash + 1)..], label[..slash], out var topic) ? topic : throw new InvalidOperationException($"the model has an unknown label '{label}'");
    }

    /// <summary>The label of each score, in the order the model gives them.</summary>
    private static Topic?[] LabelsOf(DataViewSchema outputSchema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        outputSchema["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => TopicOf(n.ToString())).ToArray();
    }

    internal sealed class ModelInput
    {
        public string Label { get; set; } = "";

        public string Text { get; set; } = "";
    }

    internal sealed class ModelOutput
    {
        public float[] Score { get; set; } = [];
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer transformer) : PooledObjectPolicy<PredictionEngine<ModelInput, ModelOutput>>
    {
        public override PredictionEngine<ModelInput, ModelOutput> Create() => ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(transformer);

        public override bool Return(PredictionEngine<ModelInput, ModelOutput> obj) => true;
    }
}
