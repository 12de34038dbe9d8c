using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    /// <summary>
    /// Floats per feature row: the labels rounded up to a multiple of 16, so a row is whole SIMD vectors on any machine
    /// (4, 8 or 16 floats a vector) and a model file saved on one reads on another.
    /// </summary>
    public static int Stride(int labels) => (labels + 15) / 16 * 16;

    /// <summary>One training message: its label and its sparse features.</summary>
    public readonly record struct Example(int Label, int[] Indices, float[] Values);

    /// <summary>The fitted weights (feature-major rows of <see cref="Stride"/> floats) and biases (one a label).</summary>
    public static (float[] Weights, float[] Biases) Fit(IReadOnlyList<Example> examples, int features, int labels, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var stride = Stride(labels);
        var weights = new float[features * stride];
        var biases = new float[stride];
        var scores = new float[stride];
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
                    AddScaled(weights.AsSpan(indices[k] * stride, stride), (float)(values[k] * scale), scores);
                var probabilities = scores.AsSpan(0, labels);
                TensorPrimitives.SoftMax(probabilities, probabilities);
                scores.AsSpan(labels).Clear();
                // The gradient of the log loss is (p − one-hot) × x; biases are not regularised.
                scores[label] -= 1;
                scale *= 1 - (rate * lambda);
                for (var k = 0; k < indices.Length; k++)
                    AddScaled(scores, (float)(-rate * values[k] / scale), weights.AsSpan(indices[k] * stride, stride));
                AddScaled(scores, (float)-rate, biases);
                if (scale < 1e-6)
                {
                    TensorPrimitives.Multiply(weights, (float)scale, weights);
                    scale = 1;
                }
            }
        }
        TensorPrimitives.Multiply(weights, (float)scale, weights);
        return (weights, biases[..labels]);
    }

    /// <summary>
    /// <paramref name="into"/> += <paramref name="factor"/> × <paramref name="row"/>, over whole vectors: the loads are
    /// unchecked, so the row must be a multiple of 16 floats (a <see cref="Stride"/>) and no longer than
    /// <paramref name="into"/>. Debug builds (the tests) check it; the training loop cannot afford the check per call.
    /// </summary>
    public static void AddScaled(ReadOnlySpan<float> row, float factor, Span<float> into)
    {
        System.Diagnostics.Debug.Assert(row.Length % 16 == 0 && into.Length >= row.Length, "a row of whole vectors, no longer than its target");
        ref var from = ref MemoryMarshal.GetReference(row);
        ref var to = ref MemoryMarshal.GetReference(into);
        if (Vector512.IsHardwareAccelerated)
        {
            var scale = Vector512.Create(factor);
            for (nuint j = 0; j < (nuint)row.Length; j += (nuint)Vector512<float>.Count)
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref from, j), scale, Vector512.LoadUnsafe(ref to, j)).StoreUnsafe(ref to, j);
        }
        else
        {
            var scale = Vector256.Create(factor);
            for (nuint j = 0; j < (nuint)row.Length; j += (nuint)Vector256<float>.Count)
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref from, j), scale, Vector256.LoadUnsafe(ref to, j)).StoreUnsafe(ref to, j);
        }
    }
}
