using System.Globalization;

namespace HelpBot.Benchmarks;

/// <summary>The latency line the end-to-end benchmarks print after their runs (BenchmarkDotNet reports throughput, not a request's latency).</summary>
internal static class LatencySummary
{
    /// <summary><c>// {what}: {n} {units}, latency p50 … ms, p99 … ms</c> over every latency kept.</summary>
    public static string Line(string what, string units, IEnumerable<double> latencies)
    {
        var sorted = latencies.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"// {what}: {sorted.Length} {units}, latency p50 {Percentile(sorted, 0.50):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms");
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
