using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Evaluation;

/// <summary>
/// Reads an evaluation file in the examples files' format (<see cref="ExamplesFile.Format"/>): <c>none</c> as the label
/// of an off-topic message; blank lines and <c>#</c> comments are skipped.
/// </summary>
public static class EvaluationSet
{
    public static IReadOnlyList<EvaluationCase> Load(string path, string defaultGuide) =>
        Parse(File.ReadAllLines(path), path, defaultGuide);

    public static IReadOnlyList<EvaluationCase> Parse(IReadOnlyList<string> lines, string source, string defaultGuide)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var cases = new List<EvaluationCase>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var fields = line.Split('\t');
            if (fields.Length != 4 || fields[3].Length == 0)
                throw new FormatException($"{source}:{i + 1}: expected '{ExamplesFile.Format}'");
            var expected = fields[1] == TopicNames.OffTopic ? (Topic?)null
                : TopicNames.TryParse(fields[1], defaultGuide, out var topic) ? topic
                : throw new FormatException($"{source}:{i + 1}: unknown label '{fields[1]}'");
            cases.Add(new EvaluationCase($"{source}:{i + 1}", fields[0], expected, fields[2], fields[3]));
        }
        return cases;
    }
}
