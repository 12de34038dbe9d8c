using System.Runtime.CompilerServices;
using HelpBot.Understanding.Analysis;

namespace HelpBot.Understanding.Model;

/// <summary>
/// The features of a normalised message (<see cref="Analysis.TextNormalizer"/>'s stems, readings joined by " | "):
/// word 1–N-grams and character 1–M-grams of each reading, the characters framed by start and end marks, as ML.NET's
/// text featuriser makes them. Each is a 64-bit FNV-1a hash of its characters, so reading a message allocates nothing.
/// </summary>
internal static class NgramHashes
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;
    private const char Start = '\u0002';
    private const char End = '\u0003';

    /// <summary>Word n-grams and character n-grams never share a hash: each kind starts from its own basis.</summary>
    private const ulong WordBasis = Offset ^ 0x5757;

    /// <summary>The 64-bit FNV-1a hash of <paramref name="text"/>, continuing from <paramref name="basis"/> (another text's hash).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ReadOnlySpan<char> text, ulong basis = Offset)
    {
        var hash = basis;
        foreach (var c in text)
            hash = (hash ^ c) * Prime;
        return hash;
    }

    /// <summary>Calls <paramref name="feature"/> with the hash of every n-gram of <paramref name="normalized"/>.</summary>
    public static void ForEach<TSink>(ReadOnlySpan<char> normalized, int wordNgrams, int charNgrams, ref TSink feature)
        where TSink : struct, IFeatureSink
    {
        while (true)
        {
            var separator = normalized.IndexOf(TextNormalizer.ReadingSeparator, StringComparison.Ordinal);
            var reading = separator < 0 ? normalized : normalized[..separator];
            if (!reading.IsEmpty)
            {
                Words(reading, wordNgrams, ref feature);
                Characters(reading, charNgrams, ref feature);
            }
            if (separator < 0)
                return;
            normalized = normalized[(separator + TextNormalizer.ReadingSeparator.Length)..];
        }
    }

    /// <summary>Word n-grams: each word's hash, then each run of up to <paramref name="n"/> words hashed together.</summary>
    private static void Words<TSink>(ReadOnlySpan<char> reading, int n, ref TSink feature)
        where TSink : struct, IFeatureSink
    {
        Span<ulong> previous = stackalloc ulong[Math.Max(n - 1, 1)];
        var seen = 0;
        foreach (var range in reading.Split(' '))
        {
            var word = reading[range];
            if (word.IsEmpty)
                continue;
            var hash = Hash(word, WordBasis);
            feature.Add(hash, Block.Words);
            // Longer n-grams chain the earlier words' hashes: "a b" is hash(a) mixed with hash(b).
            var chained = hash;
            for (var k = 0; k < n - 1 && k < seen; k++)
            {
                chained = (chained ^ previous[k]) * Prime;
                chained ^= chained >> 29;
                feature.Add(chained, Block.Words);
            }
            for (var k = previous.Length - 1; k > 0; k--)
                previous[k] = previous[k - 1];
            previous[0] = hash;
            seen++;
        }
    }

    /// <summary>Character n-grams of "\u0002reading\u0003", lengths 1 to <paramref name="n"/>.</summary>
    private static void Characters<TSink>(ReadOnlySpan<char> reading, int n, ref TSink feature)
        where TSink : struct, IFeatureSink
    {
        var length = reading.Length + 2;
        for (var i = 0; i < length; i++)
        {
            var hash = Offset;
            for (var k = 0; k < n && i + k < length; k++)
            {
                var at = i + k;
                var c = at == 0 ? Start : at == length - 1 ? End : reading[at - 1];
                hash = (hash ^ c) * Prime;
                feature.Add(hash, Block.Characters);
            }
        }
    }
}

/// <summary>Receives feature hashes from <see cref="NgramHashes"/> (a struct, so the calls are inlined).</summary>
internal interface IFeatureSink
{
    void Add(ulong hash, Block block);
}

/// <summary>
/// The two blocks of features, each scaled to unit length on its own as ML.NET's featuriser does: the many character
/// n-grams would otherwise drown the few word n-grams.
/// </summary>
internal enum Block
{
    Words = 0,
    Characters = 1,
}
