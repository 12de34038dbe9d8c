using System.Numerics.Tensors;

namespace HelpBot.Understanding.Model;

/// <summary>
/// Fits multinomial logistic regression (softmax, log loss, L2) by stochastic gradient descent: a few passes over the
/// examples in a seeded random order, each example moving the weights of its n-grams a step against the gradient of
/// its loss. The L2 shrink of every weight is one shared scale factor, so a step costs only the example's own n-grams.
/// Deterministic for equal data and settings.
/// </summary>
internal static class SoftmaxRegression
{
    /// <summary>One training message: its label and its sparse features.</summary>
    public readonly record struct Example(int Label, int[] Indices, float[] Values);

    /// <summary>The fitted weights (feature-major: <c>weights[feature * labels + label]</c>) and biases.</summary>
    public static (float[] Weights, float[] Biases) Fit(IReadOnlyList<Example> examples, int features, int labels, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var weights = new float[features * labels];
        var biases = new float[labels];
        var scores = new float[labels];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new Random(1);
        var lambda = settings.L2;
        // The weights kept are scale × the true ones: shrinking every weight by L2 is one multiplication of scale.
        var scale = 1.0;
        var step = 0L;
        for (var pass = 0; pass < settings.Passes; pass++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var (label, indices, values) = examples[i];
                // Bottou's schedule for L2-regularised SGD: the rate falls as 1 / (1 + rate₀·λ·t).
                var rate = settings.LearningRate / (1 + (settings.LearningRate * lambda * step++));
                biases.CopyTo(scores, 0);
                for (var k = 0; k < indices.Length; k++)
                    TensorPrimitives.MultiplyAdd(weights.AsSpan(indices[k] * labels, labels), (float)(values[k] * scale), scores, scores);
                TensorPrimitives.SoftMax(scores, scores);
                scores[label] -= 1;
                // The gradient of the log loss is (p − one-hot) × x; biases are not regularised.
                scale *= 1 - (rate * lambda);
                for (var k = 0; k < indices.Length; k++)
                    TensorPrimitives.MultiplyAdd(scores, (float)(-rate * values[k] / scale), weights.AsSpan(indices[k] * labels, labels), weights.AsSpan(indices[k] * labels, labels));
                TensorPrimitives.MultiplyAdd(scores, (float)-rate, biases, biases);
                if (scale < 1e-6)
                {
                    TensorPrimitives.Multiply(weights, (float)scale, weights);
                    scale = 1;
                }
            }
        }
        TensorPrimitives.Multiply(weights, (float)scale, weights);
        return (weights, biases);
    }
}
