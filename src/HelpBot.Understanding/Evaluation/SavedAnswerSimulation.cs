using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Model;

namespace HelpBot.Understanding.Evaluation;

/// <summary>
/// Simulates moderators saving answers to questions the guides do not cover, on a file of such questions
/// (<c>language TAB topic TAB kind TAB message</c>, <c>none</c> for a message about nothing the bot knows): each topic's
/// answer is saved, in each language, from its first <c>n</c> messages there, and a model trained with those answers
/// reads the rest. Half of the topics are saved at a time, so the other half show whether questions about topics with
/// no saved answer still fall back.
/// </summary>
public sealed class SavedAnswerSimulation(ContentCatalog catalog, UnderstandingOptions options, ModelSettings? settings = null)
{
    /// <summary>One question of the file; <see cref="Topic"/> is <see cref="TopicNames.OffTopic"/> for a message about nothing the bot knows.</summary>
    public sealed record Question(string Source, string Language, string Topic, string Kind, string Text);

    public static IReadOnlyList<Question> Load(string path) => Parse(File.ReadAllLines(path), path);

    public static IReadOnlyList<Question> Parse(IReadOnlyList<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var questions = new List<Question>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
                continue;
            var fields = lines[i].Split('\t');
            if (fields.Length != 4 || fields[3].Trim().Length == 0 || (fields[1] != TopicNames.OffTopic && !SavedAnswersFile.IsId(fields[1])))
                throw new FormatException($"{source}:{i + 1}: expected 'language<TAB>topic<TAB>kind<TAB>message' with a topic id of lower-case letters, digits and - (or {TopicNames.OffTopic})");
            questions.Add(new Question($"{source}:{i + 1}", fields[0], fields[1], fields[2], fields[3].Trim()));
        }
        return questions;
    }

    /// <summary>
    /// The reading of every question not saved as an example, with each topic's answer saved from
    /// <paramref name="examples"/> of its messages per language; a topic of the other half, and <c>none</c>, is expected
    /// to fall back.
    /// </summary>
    public EvaluationReport Run(IReadOnlyList<Question> questions, int examples)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var topics = questions.Select(q => q.Topic).Where(t => t != TopicNames.OffTopic).Distinct(StringComparer.Ordinal).ToArray();
        var reports = new List<EvaluationReport>();
        for (var half = 0; half < 2; half++)
        {
            var saved = topics.Where((_, i) => i % 2 == half).ToHashSet(StringComparer.Ordinal);
            var (withSaved, used) = Save(catalog, questions, saved, examples);
            var cases = questions.Where(q => !used.Contains(q))
                .Select(q => new EvaluationCase(q.Source, q.Language, saved.Contains(q.Topic) ? Topic.Saved(q.Topic) : null, q.Kind, q.Text))
                .ToArray();
            reports.Add(new Evaluator(withSaved, options, settings).Holdout(cases, ""));
        }
        return new Evaluator(catalog, options, settings).Combine(reports,
            $"saved answers, {examples} example(s) a topic and language, half of {topics.Length} topics saved at a time (the other half and '{TopicNames.OffTopic}' must fall back)");
    }

    /// <summary>
    /// The catalog with an answer saved for each of <paramref name="topics"/> in every language its questions are in,
    /// from the first <paramref name="examples"/> of them there (the first one is its title, as a moderator's save
    /// makes it); and the questions used.
    /// </summary>
    public static (ContentCatalog Catalog, HashSet<Question> Used) Save(ContentCatalog catalog, IReadOnlyList<Question> questions, IReadOnlySet<string> topics, int examples)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(questions);
        var used = new HashSet<Question>();
        var languages = new Dictionary<string, LanguagePack>(catalog.Languages, StringComparer.Ordinal);
        foreach (var (language, pack) in catalog.Languages)
        {
            var answers = new List<SavedAnswer>(pack.SavedAnswers);
            foreach (var topic in topics)
            {
                var first = questions.Where(q => q.Topic == topic && q.Language == language).Take(examples).ToArray();
                if (first.Length == 0)
                    continue;
                used.UnionWith(first);
                answers.Add(new SavedAnswer(topic, SavedAnswerTitle.From(first[0].Text), $"(the moderators' answer about {topic})", null, first.Select(q => q.Text).ToArray()));
            }
            languages[language] = pack with { SavedAnswers = answers };
        }
        return (catalog with { Languages = languages }, used);
    }
}
