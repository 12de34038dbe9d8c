using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HelpBot.Engine.Content;

/// <summary>
/// <c>&lt;lang&gt;/answers.yaml</c>, the saved answers of a language (<see cref="SavedAnswer"/>). The bot writes it when a
/// moderator saves, edits or deletes an answer; <see cref="ContentLoader.LoadSavedAnswers"/> reads and checks it.
/// </summary>
public static class SavedAnswersFile
{
    public const string Name = "answers.yaml";

    public const int MaxIdLength = 32;

    /// <summary>Most questions kept as an answer's examples: the reader learns the rest from moderators' labels.</summary>
    public const int MaxExamples = 50;

    private const string Header =
        """
        # Saved answers: moderators' answers to questions the guides do not cover, given by the bot itself.
        # The bot writes this file when a moderator saves, edits, translates or deletes an answer (/faq); an edit by hand
        # is read too (comments other than this header are not kept). The same id in another language's answers.yaml is
        # the same answer in that language. `community:` limits an answer to one community; without it, every community
        # gets it. `examples:` are questions it answers (no personal details): the reader learns it from them and the title.

        """;

    public static bool IsId(string id) =>
        id.Length is > 0 and <= MaxIdLength && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>The file's text for <paramref name="answers"/>, in their order.</summary>
    public static string Format(IEnumerable<SavedAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var root = new YamlMappingNode();
        foreach (var answer in answers)
        {
            var map = new YamlMappingNode { { "title", Scalar(answer.Title) } };
            if (answer.Community is { } community)
                map.Add("community", Scalar(community));
            map.Add("answer", Scalar(answer.Answer));
            var examples = new YamlSequenceNode();
            foreach (var example in answer.Examples)
                examples.Add(Scalar(example));
            map.Add("examples", examples);
            root.Add(answer.Id, map);
        }
        using var writer = new StringWriter { NewLine = "\n" };
        writer.Write(Header);
        if (root.Children.Count > 0)
            new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Multi-line text as a literal block, so the file reads as the message does; the rest quoted.</summary>
    private static YamlScalarNode Scalar(string text) =>
        new(text) { Style = text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal : ScalarStyle.DoubleQuoted };
}
