using System.Text;
using HelpBot.Engine.Content;

namespace HelpBot.Engine.Dialog;

/// <summary>
/// The fixed messages of one guide in one language, rendered once per content version so that
/// a button turn only looks a message up instead of formatting it.
/// </summary>
internal sealed class GuideScreens
{
    public GuideScreens(Guide guide, BotTexts texts, IReadOnlyList<Button> otherGuides)
    {
        Guide = guide;
        var id = guide.Id;
        var menuButton = new Button(texts[TextKey.ButtonMenu], Action(ActionId.Menu));
        MenuRow = [menuButton];

        List<IReadOnlyList<Button>> menuButtons =
        [
            [new Button(texts[TextKey.ButtonConsequences], Action(ActionId.Consequences, id)), new Button(texts[TextKey.ButtonSteps], Action(ActionId.Resume, id))],
            [new Button(texts[TextKey.ButtonReasons], Action(ActionId.Reasons, id)), new Button(texts[TextKey.ButtonAsk], Action(ActionId.Ask))],
            [new Button(texts[TextKey.ButtonFeedback], Action(ActionId.Feedback, id)), new Button(texts[TextKey.ButtonLanguage], Action(ActionId.Language))],
        ];
        if (otherGuides.Count > 0)
            menuButtons.Add(otherGuides);
        MenuButtons = menuButtons;
        Start = new Reply(new OutgoingMessage(texts[TextKey.Greeting] + "\n\n" + Markup.Bold(guide.Title) + "\n" + guide.Intro + "\n\n" + texts[TextKey.Menu], menuButtons));
        Help = new Reply(new OutgoingMessage(texts[TextKey.Help], menuButtons));
        Menu = new Reply(new OutgoingMessage(Markup.Bold(guide.Title) + "\n" + texts[TextKey.Menu], menuButtons));
        Overview = new Reply(new OutgoingMessage(Markup.Bold(guide.Title) + "\n" + guide.Intro + (guide.Parts.Count > 0 ? "\n\n" + guide.Parts[0].Intro : ""), menuButtons))
        {
            Shows = new(id, Understanding.TopicKind.Overview),
        };

        var toSteps = new Button(texts[TextKey.ButtonSteps], Action(ActionId.Resume, id));
        if (guide.Consequences is { } consequences)
        {
            var text = new StringBuilder(Markup.Bold(consequences.Intro)).Append('\n');
            foreach (var item in consequences.Items)
                text.Append("\n• ").Append(item.Text);
            text.Append("\n\n").Append(consequences.Advice);
            Consequences = new Reply(new OutgoingMessage(text.ToString(),
                [[new Button(texts[TextKey.ButtonAccept], Action(ActionId.Accept, id))], MenuRow]))
            {
                Shows = new(id, Understanding.TopicKind.Consequences),
            };
            IReadOnlyList<IReadOnlyList<Button>> afterItem = [[new Button(texts[TextKey.ButtonConsequences], Action(ActionId.Consequences, id)), toSteps], MenuRow];
            ConsequenceItems = consequences.Items.ToDictionary(
                i => i.Id,
                i => new Reply(new OutgoingMessage(i.Text + "\n\n" + consequences.Advice, afterItem)) { Shows = new(id, Understanding.TopicKind.Consequence, i.Id) },
                StringComparer.Ordinal);
            Refunds = new Reply(new OutgoingMessage(consequences.Advice, afterItem)) { Shows = new(id, Understanding.TopicKind.Refunds) };
        }

        // 1-based sub-step numbers by step id and by part (its first sub-step), for free-text answers.
        _stepNumbers = guide.Steps.Select((s, i) => (s.Id, Number: i + 1)).ToDictionary(x => x.Id, x => x.Number, StringComparer.Ordinal);
        _partStarts = guide.Steps.Select((s, i) => (s.Part, Number: i + 1)).GroupBy(x => x.Part).ToDictionary(g => g.Key, g => g.First().Number);
        var reasonsStep = guide.Steps.Where(s => s.ShowReasons).Select(s => _stepNumbers[s.Id]).FirstOrDefault();
        if (guide.Reasons is { } reasons)
        {
            IReadOnlyList<IReadOnlyList<Button>> reasonsButtons = reasonsStep > 0
                ? [[new Button(texts[TextKey.ButtonBack], Action(ActionId.Step, id, reasonsStep))], MenuRow]
                : [MenuRow];
            var text = new StringBuilder(Markup.Bold(reasons.Intro));
            for (var i = 0; i < reasons.Options.Count; i++)
                text.Append("\n\n").Append(ReasonText(reasons.Options[i], i + 1));
            Reasons = new Reply(new OutgoingMessage(text.ToString(), reasonsButtons)) { Shows = new(id, Understanding.TopicKind.Reasons) };
            IReadOnlyList<IReadOnlyList<Button>> afterReason = [[new Button(texts[TextKey.ButtonReasons], Action(ActionId.Reasons, id)), toSteps], MenuRow];
            ReasonItems = reasons.Options.Select((o, i) => (o.Id, Reply: new Reply(new OutgoingMessage(ReasonText(o, i + 1), afterReason)) { Shows = new(id, Understanding.TopicKind.Reason, o.Id) }))
                .ToDictionary(x => x.Id, x => x.Reply, StringComparer.Ordinal);
        }

        var total = guide.Steps.Count;
        var steps = new Reply[total + 1];
        var resumed = new Reply[total + 1];
        for (var number = 1; number <= total; number++)
        {
            var step = guide.Steps[number - 1];
            var part = guide.PartOf(step);
            var text = new StringBuilder(texts.Format(TextKey.StepHeader, ("part", part.Title), ("number", number.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("total", total.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            if (number == 1 || guide.Steps[number - 2].Part != step.Part)
                text.Append('\n').Append(part.Intro);
            text.Append("\n\n").Append(step.Text);
            if (step.Copy is { } copy)
                text.Append("\n\n").Append(texts[TextKey.CopyHint]).Append('\n').Append(Markup.Code(copy));

            var navigation = new List<Button>(2);
            if (number > 1)
                navigation.Add(new Button(texts[TextKey.ButtonBack], Action(ActionId.Step, id, number - 1)));
            navigation.Add(number < total
                ? new Button(texts[TextKey.ButtonNext], Action(ActionId.Step, id, number + 1))
                : new Button(texts[TextKey.ButtonNext], Action(ActionId.Done, id)));
            List<IReadOnlyList<Button>> rows = [navigation];
            if (step.ShowReasons && guide.Reasons is not null)
                rows.Add([new Button(texts[TextKey.ButtonReasons], Action(ActionId.Reasons, id))]);
            rows.Add(MenuRow);
            var shows = new Understanding.Topic(id, Understanding.TopicKind.Step, step.Id);
            steps[number] = new Reply(new OutgoingMessage(text.ToString(), rows), editInPlace: true) { Shows = shows };

            List<IReadOnlyList<Button>> resumedRows = [.. rows.Take(rows.Count - 1), [new Button(texts[TextKey.ButtonRestart], Action(ActionId.Step, id, 1)), menuButton]];
            resumed[number] = new Reply(new OutgoingMessage(texts[TextKey.Resume] + "\n\n" + text, resumedRows)) { Shows = shows };
        }
        Steps = steps;
        ResumedSteps = resumed;

        var feedbackButtons = FeedbackButtons(texts, id);
        FeedbackQuestion = new Reply(new OutgoingMessage(texts[TextKey.FeedbackQuestion], feedbackButtons));
        var done = new Understanding.Topic(id, Understanding.TopicKind.Done);
        Finished = new Reply(
        [
            new OutgoingMessage(Markup.Bold(texts[TextKey.Finished]) + "\n" + guide.Done),
            new OutgoingMessage(texts[TextKey.FeedbackQuestion], feedbackButtons),
        ])
        {
            Shows = done,
        };
        DoneInfo = new Reply(new OutgoingMessage(guide.Done, [[toSteps], MenuRow])) { Shows = done };
        ReasonsStep = reasonsStep;

        NotSureRow = [new Button(texts[TextKey.ButtonAsk], Action(ActionId.Ask)), menuButton];
        foreach (var (topic, label) in TopicLabels(guide, texts))
        {
            var kind = topic.Kind.ToString().ToLowerInvariant();
            var argument = topic.Id is null ? kind : kind + "_" + topic.Id;
            var action = new ActionId(ActionId.Topic, id, argument).ToString();
            // An id a button cannot carry (odd characters, too long) leaves that topic without a button, never a broken one.
            if (ActionId.TryParse(action, out _))
            {
                _topicButtons[topic] = new Button(label, action);
                _topicsByArgument[argument] = topic;
                _argumentsByTopic[topic] = argument;
            }
        }
    }

    private readonly Dictionary<Understanding.Topic, Button> _topicButtons = [];
    private readonly Dictionary<string, Understanding.Topic> _topicsByArgument = new(StringComparer.Ordinal);
    private readonly Dictionary<Understanding.Topic, string> _argumentsByTopic = [];

    /// <summary>The button that opens a topic, offered when the bot is not sure which section a message meant; null if it has none.</summary>
    public Button? TopicButton(Understanding.Topic topic) => _topicButtons.GetValueOrDefault(topic);

    /// <summary>The argument naming a topic in <see cref="TopicButton"/>'s action and in <see cref="Storage.UserState.ShownTopic"/>; null if it has none.</summary>
    public string? ArgumentOf(Understanding.Topic topic) => _argumentsByTopic.GetValueOrDefault(topic);

    /// <summary>The topic a <see cref="TopicButton"/>'s action argument names, or null for a forged or outdated one.</summary>
    public Understanding.Topic? TopicOf(string argument) =>
        _topicsByArgument.TryGetValue(argument, out var topic) ? topic : null;

    /// <summary>Under the sections offered to a user the bot did not understand for sure: asking the moderators, and the menu.</summary>
    public IReadOnlyList<Button> NotSureRow { get; }

    /// <summary>Every topic free text can lead to, with the label of the button that opens it.</summary>
    private static IEnumerable<(Understanding.Topic Topic, string Label)> TopicLabels(Guide guide, BotTexts texts)
    {
        var id = guide.Id;
        yield return (new(id, Understanding.TopicKind.Overview), guide.Title);
        if (guide.Consequences is { } consequences)
        {
            yield return (new(id, Understanding.TopicKind.Consequences), texts[TextKey.ButtonConsequences]);
            foreach (var item in consequences.Items)
                yield return (new(id, Understanding.TopicKind.Consequence, item.Id), item.Title);
            yield return (new(id, Understanding.TopicKind.Refunds), consequences.AdviceTitle);
        }
        foreach (var part in guide.Parts)
            yield return (new(id, Understanding.TopicKind.Part, part.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), part.Title);
        foreach (var step in guide.Steps)
            yield return (new(id, Understanding.TopicKind.Step, step.Id), step.Title);
        yield return (new(id, Understanding.TopicKind.Done), guide.DoneTitle);
        if (guide.Reasons is { } reasons)
        {
            yield return (new(id, Understanding.TopicKind.Reasons), texts[TextKey.ButtonReasons]);
            foreach (var option in reasons.Options)
                yield return (new(id, Understanding.TopicKind.Reason, option.Id), option.Option);
        }
    }

    private readonly Dictionary<string, int> _stepNumbers;
    private readonly Dictionary<int, int> _partStarts;

    public Guide Guide { get; }

    /// <summary>The sub-step a topic opens: the step itself, or a part's first sub-step; null if the guide has neither.</summary>
    public int? StepNumberOf(Understanding.Topic topic) => topic.Kind switch
    {
        Understanding.TopicKind.Step when topic.Id is { } id && _stepNumbers.TryGetValue(id, out var number) => number,
        Understanding.TopicKind.Part when int.TryParse(topic.Id, System.Globalization.CultureInfo.InvariantCulture, out var part)
                                          && _partStarts.TryGetValue(part, out var first) => first,
        _ => null,
    };

    public IReadOnlyList<Button> MenuRow { get; }

    public IReadOnlyList<IReadOnlyList<Button>> MenuButtons { get; }

    public Reply Start { get; }

    public Reply Help { get; }

    public Reply Menu { get; }

    public Reply Overview { get; }

    public Reply? Consequences { get; }

    public IReadOnlyDictionary<string, Reply> ConsequenceItems { get; } = new Dictionary<string, Reply>();

    public Reply? Refunds { get; }

    public Reply? Reasons { get; }

    public IReadOnlyDictionary<string, Reply> ReasonItems { get; } = new Dictionary<string, Reply>();

    /// <summary>1-based; index 0 is unused.</summary>
    public IReadOnlyList<Reply> Steps { get; }

    /// <summary>The same steps with "picking up where you stopped" and a start-over button.</summary>
    public IReadOnlyList<Reply> ResumedSteps { get; }

    public int ReasonsStep { get; }

    public Reply FeedbackQuestion { get; }

    public Reply Finished { get; }

    public Reply DoneInfo { get; }

    public int StepCount => Guide.Steps.Count;

    public static string Action(string verb, string? target = null, int? argument = null) =>
        new ActionId(verb, target, argument?.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString();

    private static IReadOnlyList<IReadOnlyList<Button>> FeedbackButtons(BotTexts texts, string guide) =>
    [[
        new Button(texts[TextKey.ButtonYes], new ActionId(ActionId.Feedback, guide, "yes").ToString()),
        new Button(texts[TextKey.ButtonNo], new ActionId(ActionId.Feedback, guide, "no").ToString()),
    ]];

    private static string ReasonText(ReasonOption option, int number) =>
        $"{number}. {Markup.Code(option.Option)}\n— {option.Translation}\n{option.Advice}";
}
