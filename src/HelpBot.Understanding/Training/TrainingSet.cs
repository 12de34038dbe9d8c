using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Training;

/// <summary>
/// Everything in the content the reader learns from, in every language: each section's match phrases and button
/// title, the form's options and their translations, the out-of-scope phrases (off-topic), small talk's examples and
/// every guide's labelled messages (<c>&lt;guide&gt;.examples.tsv</c>), and saved answers' titles and questions. A
/// message written twice counts once.
/// </summary>
public static class TrainingSet
{
    /// <summary>The kind of a saved answer's example: a question a moderator answered.</summary>
    public const string SavedKind = "saved";

    public static IReadOnlyList<TrainingExample> From(ContentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var examples = new List<TrainingExample>();
        foreach (var pack in catalog.Languages.Values.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            foreach (var intent in pack.SmallTalk)
                examples.AddRange(intent.Examples.Select(e => new TrainingExample(Topic.SmallTalk(intent.Id), pack.Code, "smalltalk", e, $"{pack.Code}/{ContentLoader.SmallTalkFile}")));
            foreach (var answer in pack.SavedAnswers)
            {
                var source = $"{pack.Code}/{SavedAnswersFile.Name}:{answer.Line}";
                examples.Add(new TrainingExample(Topic.Saved(answer.Id), pack.Code, TrainingExample.PhraseKind, answer.Title, source));
                examples.AddRange(answer.Examples.Select(e => new TrainingExample(Topic.Saved(answer.Id), pack.Code, SavedKind, e, source)));
            }
            foreach (var guide in catalog.GuideIds.Select(id => pack.Guides[id]))
            {
                examples.AddRange(Phrases(guide).Select(p => new TrainingExample(p.Topic, pack.Code, TrainingExample.PhraseKind, p.Text, $"{pack.Code}/{guide.Id}.yaml")));
                var file = $"{pack.Code}/{guide.Id}{ContentLoader.ExamplesSuffix}";
                examples.AddRange(guide.Examples.Select(e => new TrainingExample(e.Label, pack.Code, e.Kind, e.Text, $"{file}:{e.Line}") { Set = e.Set }));
            }
        }
        return examples.DistinctBy(e => ExamplesFile.Key(e.Text)).ToArray();
    }

    /// <summary>A digest of the training data: equal digests train equal models.</summary>
    public static string Digest(IEnumerable<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var text = new StringBuilder();
        foreach (var e in examples)
            text.Append(e.Label?.ToString() ?? TopicNames.OffTopic).Append('\t').Append(e.Text).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>The content's own texts that say what a section is about.</summary>
    private static IEnumerable<(Topic? Topic, string Text)> Phrases(Guide guide)
    {
        var id = guide.Id;
        var overview = new Topic(id, TopicKind.Overview);
        yield return (overview, guide.Title);
        foreach (var phrase in guide.Match)
            yield return (overview, phrase);

        if (guide.Consequences is { } consequences)
        {
            var all = new Topic(id, TopicKind.Consequences);
            foreach (var phrase in consequences.Match)
                yield return (all, phrase);
            foreach (var item in consequences.Items)
            {
                var topic = new Topic(id, TopicKind.Consequence, item.Id);
                yield return (topic, item.Title);
                foreach (var phrase in item.Match)
                    yield return (topic, phrase);
            }
            var refunds = new Topic(id, TopicKind.Refunds);
            yield return (refunds, consequences.AdviceTitle);
            foreach (var phrase in consequences.AdviceMatch)
                yield return (refunds, phrase);
        }

        foreach (var part in guide.Parts)
        {
            var topic = new Topic(id, TopicKind.Part, part.Number.ToString(CultureInfo.InvariantCulture));
            yield return (topic, part.Title);
            foreach (var phrase in part.Match)
                yield return (topic, phrase);
        }

        foreach (var step in guide.Steps)
        {
            var topic = new Topic(id, TopicKind.Step, step.Id);
            yield return (topic, step.Title);
            foreach (var phrase in step.Match)
                yield return (topic, phrase);
        }

        var done = new Topic(id, TopicKind.Done);
        yield return (done, guide.DoneTitle);
        foreach (var phrase in guide.DoneMatch)
            yield return (done, phrase);

        if (guide.Reasons is { } reasons)
        {
            var all = new Topic(id, TopicKind.Reasons);
            foreach (var phrase in reasons.Match)
                yield return (all, phrase);
            foreach (var option in reasons.Options)
            {
                var topic = new Topic(id, TopicKind.Reason, option.Id);
                yield return (topic, option.Option);
                yield return (topic, option.Translation);
                foreach (var phrase in option.Match)
                    yield return (topic, phrase);
            }
        }

        foreach (var phrase in guide.OutOfScope)
            yield return (null, phrase);
    }
}
