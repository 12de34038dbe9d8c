using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Model;

namespace HelpBot.Understanding.Training;

/// <summary>
/// Teaches the reader to read a long message's question through its story: a share of the users' labelled messages
/// (<see cref="ModelSettings.ContextShare"/>) is learned a second time with one to
/// <see cref="ModelSettings.MostContextSentences"/> sentences of <c>context.txt</c> before it, in its language. The
/// story's words then appear under every label, and the model gives them little weight. Seeded: equal data, equal copies.
/// Off-topic messages and small talk are not copied: a story before "hi" is not a greeting any more.
/// </summary>
public static class ContextAugmentation
{
    public static IReadOnlyList<TrainingExample> Apply(IReadOnlyList<TrainingExample> examples, ContentCatalog catalog, ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(settings);
        var random = new Random(7);
        var copies = new List<TrainingExample>();
        foreach (var example in examples)
        {
            if (!example.IsMessage || example.Label is null or { Kind: TopicKind.SmallTalk } || random.NextDouble() >= settings.ContextShare
                || !catalog.Languages.TryGetValue(example.Language, out var pack) || pack.Context.Count == 0)
            {
                continue;
            }
            var story = Enumerable.Range(0, random.Next(1, settings.MostContextSentences + 1)).Select(_ => pack.Context[random.Next(pack.Context.Count)]);
            copies.Add(example with { Text = string.Join(' ', story) + " " + example.Text, Source = example.Source + " (after a story)" });
        }
        return [.. examples, .. copies];
    }
}
