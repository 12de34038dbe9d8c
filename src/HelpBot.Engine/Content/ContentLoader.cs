using HelpBot.Engine.Understanding;
using YamlDotNet.RepresentationModel;

namespace HelpBot.Engine.Content;

/// <summary>
/// Loads <c>content/</c>: one folder per language holding <c>bot.yaml</c> and one YAML file per guide.
/// Either everything is valid and a catalog comes back, or a <see cref="ContentValidationException"/> lists every error.
/// </summary>
public static class ContentLoader
{
    public const string BotFile = "bot.yaml";

    /// <summary>Small talk of a language: not a guide, though it is YAML beside them.</summary>
    public const string SmallTalkFile = "smalltalk.yaml";

    /// <summary>A guide's labelled messages, beside it: <c>aliexpress.examples.tsv</c> for <c>aliexpress.yaml</c>.</summary>
    public const string ExamplesSuffix = ".examples.tsv";

    /// <summary>Longest text of a message the content holds (a step, an answer): it must fit every channel.</summary>
    public const int MaxTextLength = 1500;

    /// <summary>Longest button label: Discord allows 80 characters, and a longer one wraps badly in Telegram.</summary>
    private const int MaxLabelLength = 64;

    public static ContentCatalog Load(string directory, string defaultLanguage = "ru")
    {
        var errors = new List<ContentError>();
        if (!Directory.Exists(directory))
            throw new ContentValidationException([new ContentError(directory, 0, 0, "content folder not found")]);

        var languages = new Dictionary<string, LanguagePack>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var code = Path.GetFileName(folder);
            if (code.StartsWith('.'))
                continue;
            if (LoadLanguage(folder, code, errors) is { } pack)
                languages[code] = pack;
        }

        if (!languages.TryGetValue(defaultLanguage, out var reference))
        {
            if (errors.Count == 0)
                errors.Add(new ContentError(Path.Combine(directory, defaultLanguage), 0, 0, $"the default language '{defaultLanguage}' has no folder"));
            throw new ContentValidationException(errors);
        }

        foreach (var pack in languages.Values.Where(p => p != reference))
            CompareWithReference(directory, reference, pack, errors);

        if (errors.Count > 0)
            throw new ContentValidationException(errors);

        var guideIds = reference.Guides.Keys.Order(StringComparer.Ordinal).ToArray();
        return new ContentCatalog(languages, defaultLanguage, guideIds);
    }

    private static LanguagePack? LoadLanguage(string folder, string code, List<ContentError> errors)
    {
        var before = errors.Count;
        var botPath = Path.Combine(folder, BotFile);
        BotTexts? texts = null;
        if (File.Exists(botPath))
            texts = LoadTexts(botPath, errors);
        else
            errors.Add(new ContentError(botPath, 0, 0, $"language '{code}' has no {BotFile}"));

        var guides = new Dictionary<string, Guide>(StringComparer.Ordinal);
        // A bad example does not hide the language from the comparison with the others: its errors are added at the end.
        var exampleErrors = new List<ContentError>();
        var smallTalkPath = Path.Combine(folder, SmallTalkFile);
        var smallTalk = File.Exists(smallTalkPath) ? LoadSmallTalk(smallTalkPath, errors) : [];
        var contextPath = Path.Combine(folder, ContextFile.Name);
        var context = File.Exists(contextPath) ? ContextFile.Read(contextPath, errors) : [];
        var answersPath = Path.Combine(folder, SavedAnswersFile.Name);
        var answers = File.Exists(answersPath) ? LoadSavedAnswers(answersPath, File.ReadAllText(answersPath), errors) : [];
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) is BotFile or SmallTalkFile or SavedAnswersFile.Name)
                continue;
            var id = Path.GetFileNameWithoutExtension(file);
            if (LoadGuide(file, id, File.ReadAllText(file), errors) is { } guide)
            {
                var examples = Path.Combine(folder, id + ExamplesSuffix);
                guides[id] = File.Exists(examples)
                    ? guide with { Examples = ExamplesFile.Read(examples, code, guide, smallTalk.Select(i => i.Id).ToHashSet(StringComparer.Ordinal), exampleErrors) }
                    : guide;
            }
        }
        if (guides.Count == 0)
            errors.Add(new ContentError(folder, 0, 0, $"language '{code}' has no guide (*.yaml besides {BotFile} and {SmallTalkFile})"));
        foreach (var orphan in Directory.GetFiles(folder, "*" + ExamplesSuffix).Where(f => !File.Exists(f[..^ExamplesSuffix.Length] + ".yaml")))
            errors.Add(new ContentError(orphan, 0, 0, $"labelled examples for a guide that has no {Path.GetFileName(orphan)[..^ExamplesSuffix.Length]}.yaml"));

        var valid = errors.Count == before && texts is not null;
        errors.AddRange(exampleErrors);
        return valid ? new LanguagePack(code, texts!, guides) { SmallTalk = smallTalk, Context = context, SavedAnswers = answers } : null;
    }

    /// <summary>
    /// <c>answers.yaml</c> (or its text about to be written): saved answers by id, each with a <c>title</c> (it labels the
    /// button offering the answer), the <c>answer</c>, optionally the <c>community</c> it is for, and <c>examples</c>.
    /// </summary>
    public static IReadOnlyList<SavedAnswer> LoadSavedAnswers(string path, string text, List<ContentError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var yaml = new YamlFileReader(path, errors);
        if (string.IsNullOrWhiteSpace(StripComments(text)))
            return [];
        if (yaml.LoadRoot(text) is not { } root)
            return [];
        var answers = new List<SavedAnswer>();
        var titles = new Dictionary<string, string>(SavedAnswerTitle.Comparer);
        foreach (var (key, value) in root.Children)
        {
            var id = (key as YamlScalarNode)?.Value ?? "";
            if (!SavedAnswersFile.IsId(id))
            {
                yaml.Error(key, $"saved answer id '{id}' must be 1-{SavedAnswersFile.MaxIdLength} lower-case letters, digits or -, starting with a letter or digit");
                continue;
            }
            if (value is not YamlMappingNode map)
            {
                yaml.Error(value, $"saved answer '{id}' must be a section with 'title', 'answer' and 'examples'");
                continue;
            }
            yaml.RejectUnknownKeys(map, "title", "community", "answer", "examples");
            var title = Label(yaml, map, "title");
            var community = yaml.OptionalText(map, "community");
            if (community is not null && (community.Length > MaxLabelLength || community.Any(char.IsWhiteSpace)))
                yaml.Error(YamlFileReader.Find(map, "community")!, $"'community' must be one word of at most {MaxLabelLength} characters, as configured");
            var examples = yaml.TextList(map, "examples");
            if (examples.FirstOrDefault(e => e.Length > ExamplesFile.MaxMessageLength || e.Contains('\n', StringComparison.Ordinal)) is not null)
                yaml.Error(YamlFileReader.Find(map, "examples")!, $"each example is one line of at most {ExamplesFile.MaxMessageLength} characters");
            if (title.Length > 0 && !titles.TryAdd(title, id))
                yaml.Error(YamlFileReader.Find(map, "title")!, $"the title '{title}' is already the title of '{titles[title]}': titles label buttons, so each must be different");
            answers.Add(new SavedAnswer(id, title, Checked(yaml, map, "answer"), community, examples, (int)key.Start.Line));
        }
        return answers;
    }

    private static string StripComments(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));

    /// <summary>
    /// <c>smalltalk.yaml</c>: intents by id, each with the reply, example messages and, for a request for a person,
    /// <c>handoff: true</c>.
    /// </summary>
    private static List<SmallTalkIntent> LoadSmallTalk(string path, List<ContentError> errors)
    {
        var yaml = new YamlFileReader(path, errors);
        if (yaml.LoadRoot(File.ReadAllText(path)) is not { } root)
            return [];
        var intents = new List<SmallTalkIntent>();
        foreach (var (key, value) in root.Children)
        {
            var id = (key as YamlScalarNode)?.Value ?? "";
            if (!TopicNames.TryParse("smalltalk:" + id, "", out _) || id.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                yaml.Error(key, $"small-talk intent '{id}' must be a lower-case id (letters, digits, -)");
                continue;
            }
            if (value is not YamlMappingNode intent)
            {
                yaml.Error(value, $"small-talk intent '{id}' must be a section with 'reply' and 'examples'");
                continue;
            }
            yaml.RejectUnknownKeys(intent, "reply", "handoff", "examples");
            var examples = yaml.TextList(intent, "examples");
            if (examples.Count == 0)
                yaml.Error(key, $"small-talk intent '{id}' needs 'examples': messages the bot learns it from");
            intents.Add(new SmallTalkIntent(id, Checked(yaml, intent, "reply"), yaml.OptionalFlag(intent, "handoff"), examples));
        }
        return intents;
    }

    private static BotTexts? LoadTexts(string path, List<ContentError> errors)
    {
        var yaml = new YamlFileReader(path, errors);
        if (yaml.LoadRoot(File.ReadAllText(path)) is not { } root)
            return null;
        var keys = Enum.GetValues<TextKey>();
        yaml.RejectUnknownKeys(root, [.. keys.Select(BotTexts.YamlKey), BotTexts.CommandsKey]);
        var values = new string[keys.Length];
        foreach (var key in keys)
        {
            var name = BotTexts.YamlKey(key);
            values[(int)key] = yaml.RequiredText(root, name);
            if (BotTexts.Placeholders.TryGetValue(key, out var placeholders) && YamlFileReader.Find(root, name) is { } node)
            {
                foreach (var placeholder in placeholders.Where(p => !values[(int)key].Contains("{" + p + "}", StringComparison.Ordinal)))
                    yaml.Error(node, $"'{name}' must contain the placeholder {{{placeholder}}}");
            }
            CheckMarkup(yaml, root, name, values[(int)key]);
            if (key is TextKey.TypedNext or TextKey.TypedBack && Dialog.TypedWords.HasEmptyAlternative(values[(int)key])
                && YamlFileReader.Find(root, name) is { } typed)
            {
                yaml.Error(typed, $"'{name}' lists words separated by {Dialog.TypedWords.Separator}; each needs a letter or digit");
            }
        }
        return new BotTexts(values, LoadCommands(yaml, root));
    }

    /// <summary>
    /// <c>commands:</c> has the texts of exactly the listed commands of the dialog's table: a description for
    /// command menus (one line, at most 100 characters, as Discord allows) and optionally a translated name, and the
    /// same for each of the command's arguments.
    /// </summary>
    private static Dictionary<string, CommandTexts> LoadCommands(YamlFileReader yaml, YamlMappingNode root)
    {
        var listed = Dialog.DialogTable.Commands.Where(c => c.Listed).ToArray();
        var texts = new Dictionary<string, CommandTexts>(StringComparer.Ordinal);
        if (yaml.Mapping(root, BotTexts.CommandsKey, required: true) is not { } section)
            return texts;
        var sectionKey = root.Children.Keys.First(k => k is YamlScalarNode { Value: BotTexts.CommandsKey });
        yaml.RejectUnknownKeys(section, listed.Select(c => c.Name).ToArray());
        foreach (var command in listed)
        {
            if (yaml.Mapping(section, command.Name, required: false) is not { } map)
            {
                if (YamlFileReader.Find(section, command.Name) is null)
                    yaml.Error(sectionKey, $"missing the texts of the command '{command.Name}'");
                continue;
            }
            var arguments = new Dictionary<string, ArgumentTexts>(StringComparer.Ordinal);
            if (command.Arguments.Count > 0)
            {
                yaml.RejectUnknownKeys(map, "name", "description", "arguments");
                if (yaml.Mapping(map, "arguments", required: true) is { } argumentMap)
                {
                    yaml.RejectUnknownKeys(argumentMap, command.Arguments.Select(a => a.Name).ToArray());
                    foreach (var argument in command.Arguments)
                    {
                        if (yaml.Mapping(argumentMap, argument.Name, required: true) is not { } argumentTexts)
                            continue;
                        yaml.RejectUnknownKeys(argumentTexts, "name", "description");
                        arguments[argument.Name] = new ArgumentTexts(CommandName(yaml, argumentTexts, argument.Name), MenuDescription(yaml, argumentTexts));
                    }
                }
            }
            else
            {
                yaml.RejectUnknownKeys(map, "name", "description");
            }
            texts[command.Name] = new CommandTexts(CommandName(yaml, map, command.Name), MenuDescription(yaml, map), arguments);
        }
        foreach (var duplicate in texts.Values.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yaml.Error(sectionKey, $"the command name '{duplicate.Key}' is used more than once");
        return texts;
    }

    /// <summary>Longest command description: Discord's limit (Telegram allows 256).</summary>
    private const int MaxCommandDescriptionLength = 100;

    private static string MenuDescription(YamlFileReader yaml, YamlMappingNode map) =>
        OneLine(yaml, map, "description", MaxCommandDescriptionLength, "is shown in command menus");

    /// <summary>A translated name, as Discord requires names: 1-32 lower-case letters, digits, - or _. Defaults to <paramref name="name"/>.</summary>
    private static string CommandName(YamlFileReader yaml, YamlMappingNode map, string name)
    {
        if (yaml.OptionalText(map, "name") is not { } translated)
            return name;
        if (translated.Length > 32 || !translated.All(c => (char.IsLetterOrDigit(c) && !char.IsUpper(c)) || c is '-' or '_'))
            yaml.Error(YamlFileReader.Find(map, "name")!, $"'name' must be 1-32 lower-case letters, digits, - or _ (got '{translated}')");
        return translated;
    }

    /// <summary>
    /// A guide's file (<c>&lt;guide&gt;.yaml</c>) or its text about to be written, checked as a load checks it (without its
    /// examples and the comparison with other languages); null when it has an error, which is added to <paramref name="errors"/>.
    /// </summary>
    public static Guide? LoadGuide(string path, string text, List<ContentError> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        return LoadGuide(path, Path.GetFileNameWithoutExtension(path), text, errors);
    }

    private static Guide? LoadGuide(string path, string id, string text, List<ContentError> errors)
    {
        var before = errors.Count;
        var yaml = new YamlFileReader(path, errors);
        if (yaml.LoadRoot(text) is not { } root)
            return null;
        yaml.RejectUnknownKeys(root, "title", "intro", "match", "consequences", "parts", "steps", "done", "done_title", "done_match", "reasons", "out_of_scope");

        var parts = yaml.Items(root, "parts").Select(p =>
        {
            yaml.RejectUnknownKeys(p, "number", "title", "intro", "match");
            return new GuidePart(yaml.RequiredInt(p, "number"), Checked(yaml, p, "title"), Checked(yaml, p, "intro"), yaml.TextList(p, "match"));
        }).ToList();
        UniqueOrError(yaml, root, parts.Select(p => p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), "part number");

        var steps = new List<GuideStep>();
        foreach (var s in yaml.Items(root, "steps"))
        {
            yaml.RejectUnknownKeys(s, "id", "title", "part", "text", "copy", "show_reasons", "match");
            var step = new GuideStep(yaml.RequiredText(s, "id"), Label(yaml, s, "title"), yaml.RequiredInt(s, "part"), Checked(yaml, s, "text"), yaml.OptionalText(s, "copy"), yaml.OptionalFlag(s, "show_reasons"), yaml.TextList(s, "match"));
            if (parts.Count > 0 && parts.All(p => p.Number != step.Part))
                yaml.Error(s, $"step '{step.Id}' refers to part {step.Part}, which is not among 'parts'");
            steps.Add(step);
        }
        UniqueOrError(yaml, root, steps.Select(s => s.Id), "step id");

        var guide = new Guide(
            id,
            Checked(yaml, root, "title"),
            Checked(yaml, root, "intro"),
            yaml.TextList(root, "match"),
            LoadConsequences(yaml, root),
            parts,
            steps,
            Checked(yaml, root, "done"),
            Label(yaml, root, "done_title"),
            yaml.TextList(root, "done_match"),
            LoadReasons(yaml, root),
            yaml.TextList(root, "out_of_scope"));
        return errors.Count == before ? guide : null;
    }

    private static Consequences? LoadConsequences(YamlFileReader yaml, YamlMappingNode root)
    {
        if (yaml.Mapping(root, "consequences", required: false) is not { } map)
            return null;
        yaml.RejectUnknownKeys(map, "intro", "match", "items", "advice", "advice_title", "advice_match");
        var items = yaml.Items(map, "items").Select(i =>
        {
            yaml.RejectUnknownKeys(i, "id", "title", "text", "match");
            return new ContentItem(yaml.RequiredText(i, "id"), Label(yaml, i, "title"), Checked(yaml, i, "text"), yaml.TextList(i, "match"));
        }).ToList();
        UniqueOrError(yaml, map, items.Select(i => i.Id), "consequence id");
        return new Consequences(Checked(yaml, map, "intro"), yaml.TextList(map, "match"), items, Checked(yaml, map, "advice"), Label(yaml, map, "advice_title"), yaml.TextList(map, "advice_match"));
    }

    private static ReasonList? LoadReasons(YamlFileReader yaml, YamlMappingNode root)
    {
        if (yaml.Mapping(root, "reasons", required: false) is not { } map)
            return null;
        yaml.RejectUnknownKeys(map, "intro", "match", "options");
        var options = yaml.Items(map, "options").Select(o =>
        {
            yaml.RejectUnknownKeys(o, "id", "option", "translation", "advice", "match");
            return new ReasonOption(yaml.RequiredText(o, "id"), yaml.RequiredText(o, "option"), Checked(yaml, o, "translation"), Checked(yaml, o, "advice"), yaml.TextList(o, "match"));
        }).ToList();
        UniqueOrError(yaml, map, options.Select(o => o.Id), "reason id");
        return new ReasonList(Checked(yaml, map, "intro"), yaml.TextList(map, "match"), options);
    }

    /// <summary>Required text that is also checked for length and balanced markup.</summary>
    private static string Checked(YamlFileReader yaml, YamlMappingNode map, string key)
    {
        var text = yaml.RequiredText(map, key);
        CheckMarkup(yaml, map, key, text);
        if (text.Length > MaxTextLength)
            yaml.Error(YamlFileReader.Find(map, key)!, $"'{key}' is {text.Length} characters long; keep it under {MaxTextLength} so a message fits every channel");
        return text;
    }

    /// <summary>Required text shown on a button: one line, short enough for every channel's button, no formatting.</summary>
    private static string Label(YamlFileReader yaml, YamlMappingNode map, string key) =>
        OneLine(yaml, map, key, MaxLabelLength, "labels a button");

    private static string OneLine(YamlFileReader yaml, YamlMappingNode map, string key, int maxLength, string shownAs)
    {
        var text = yaml.RequiredText(map, key);
        if (text.Length > maxLength || text.AsSpan().IndexOfAny('\n', '\r') >= 0 || text.Contains("**", StringComparison.Ordinal) || text.Contains('`', StringComparison.Ordinal))
            yaml.Error(YamlFileReader.Find(map, key) ?? map, $"'{key}' {shownAs}: keep it to one line of at most {maxLength} characters, without ** or `");
        return text;
    }

    private static void CheckMarkup(YamlFileReader yaml, YamlMappingNode map, string key, string text)
    {
        if (!Markup.IsBalanced(text))
            yaml.Error(YamlFileReader.Find(map, key) ?? map, $"'{key}' has unbalanced formatting: every ** and ` must be closed");
    }

    private static void UniqueOrError(YamlFileReader yaml, YamlMappingNode at, IEnumerable<string> values, string what)
    {
        foreach (var duplicate in values.Where(v => v.Length > 0).GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yaml.Error(at, $"{what} '{duplicate.Key}' is used more than once");
    }

    /// <summary>Every language must offer the same guides with the same structure, so a user switching language loses nothing.</summary>
    private static void CompareWithReference(string directory, LanguagePack reference, LanguagePack pack, List<ContentError> errors)
    {
        void Mismatch(string guideId, string message) =>
            errors.Add(new ContentError(Path.Combine(directory, pack.Code, guideId + ".yaml"), 1, 1, $"{message} (compared with '{reference.Code}')"));

        foreach (var id in reference.Guides.Keys.Except(pack.Guides.Keys))
            Mismatch(id, $"guide '{id}' is missing in '{pack.Code}'");
        foreach (var id in pack.Guides.Keys.Except(reference.Guides.Keys))
            Mismatch(id, $"guide '{id}' exists only in '{pack.Code}'");

        foreach (var (id, guide) in pack.Guides)
        {
            if (!reference.Guides.TryGetValue(id, out var expected))
                continue;
            CompareSequence(id, "step ids", expected.Steps.Select(s => s.Id + "@" + s.Part), guide.Steps.Select(s => s.Id + "@" + s.Part), Mismatch);
            CompareSequence(id, "part numbers", expected.Parts.Select(p => p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), guide.Parts.Select(p => p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), Mismatch);
            CompareSequence(id, "consequence ids", expected.Consequences?.Items.Select(i => i.Id) ?? [], guide.Consequences?.Items.Select(i => i.Id) ?? [], Mismatch);
            CompareSequence(id, "reason options (the form's English words)", expected.Reasons?.Options.Select(o => o.Id + "=" + o.Option) ?? [], guide.Reasons?.Options.Select(o => o.Id + "=" + o.Option) ?? [], Mismatch);
            if ((expected.Consequences is null) != (guide.Consequences is null) || (expected.Reasons is null) != (guide.Reasons is null))
                Mismatch(id, "the sections 'consequences' and 'reasons' must be present in every language or in none");
        }
        foreach (var answer in pack.SavedAnswers)
        {
            if (reference.SavedAnswers.FirstOrDefault(a => a.Id == answer.Id) is { } other && other.Community != answer.Community)
                errors.Add(new ContentError(Path.Combine(directory, pack.Code, SavedAnswersFile.Name), answer.Line, 1, $"saved answer '{answer.Id}' is for community '{answer.Community ?? "(all)"}' here and '{other.Community ?? "(all)"}' in '{reference.Code}': one answer, one community"));
        }
        CompareSequence(SmallTalkFile, "small-talk intents", reference.SmallTalk.Select(i => i.Id + (i.Handoff ? " (handoff)" : "")), pack.SmallTalk.Select(i => i.Id + (i.Handoff ? " (handoff)" : "")),
            (_, message) => errors.Add(new ContentError(Path.Combine(directory, pack.Code, SmallTalkFile), 1, 1, $"{message} (compared with '{reference.Code}')")));
    }

    private static void CompareSequence(string guideId, string what, IEnumerable<string> expected, IEnumerable<string> actual, Action<string, string> mismatch)
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        if (!e.SequenceEqual(a, StringComparer.Ordinal))
            mismatch(guideId, $"{what} differ: expected [{string.Join(", ", e)}], found [{string.Join(", ", a)}]");
    }
}
