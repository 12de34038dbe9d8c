using System.Reflection;

namespace HelpBot.Understanding.Analysis;

/// <summary>
/// Ordinary everyday words of each language (<c>Analysis/Data/common-words-*.txt</c>, embedded), as stems. A message
/// word the guide does not know says little about the guide when it is an ordinary word ("box", "каждый"), but a
/// rare unknown word (another site's name) says the message is about something else, so only the latter keeps
/// the full weight of an unknown word.
/// </summary>
internal static class CommonWords
{
    private const string ResourcePrefix = "common-words-";

    /// <summary>The stems of every listed word, analysed as the content is; stop and question words are left out.</summary>
    public static HashSet<string> Stems(GuideAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var assembly = typeof(CommonWords).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            foreach (var line in Lines(assembly, name))
            {
                if (line.StartsWith('#'))
                    continue;
                stems.UnionWith(analyzer.Terms(line).Where(t => !t.IsFunction).Select(t => t.Text));
            }
        }
        return stems;
    }

    private static IEnumerable<string> Lines(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"resource {name} is missing");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
            yield return line.Trim();
    }
}
