using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>
/// Moderators teach the reader in the chat. <c>/review</c> shows the community's next text the bot could not answer,
/// answered unsure, or that a user disputed or chose a section for, with the reader's guesses as buttons plus
/// "off-topic" and "skip"; one tap files the text, as typed, in its guide's examples file (which retrains the reader)
/// and shows the next one. After a moderator answers a relayed question, the same buttons file the question. A text
/// filed under a moderators' saved answer becomes one more of its examples (<see cref="ISavedAnswers"/>).
/// </summary>
internal sealed class Review(ITextUnderstanding understanding, IModerationStore? moderation, IReviewStore? reviews, ITrainingExamples? examples, ISavedAnswers? savedAnswers)
{
    /// <summary>The argument of the off-topic button (the examples file's own label for it).</summary>
    public const string OffTopic = TopicNames.OffTopic;

    /// <summary>The argument of the skip button: the text leaves the queue, nothing is filed.</summary>
    public const string SkipArgument = "skip";

    /// <summary>The argument of "another section…": the sections by group (<c>more</c>), then a group's (<c>more-reasons</c>).</summary>
    public const string MoreArgument = "more";

    /// <summary>The groups "another section…" lists, each a button of the guide's menu, with the kinds of section in it.</summary>
    private static readonly (string Name, TextKey Label, TopicKind[] Kinds)[] Groups =
    [
        ("guide", TextKey.ButtonSteps, [TopicKind.Overview, TopicKind.Part, TopicKind.Step, TopicKind.Done]),
        ("consequences", TextKey.ButtonConsequences, [TopicKind.Consequences, TopicKind.Consequence, TopicKind.Refunds]),
        ("reasons", TextKey.ButtonReasons, [TopicKind.Reasons, TopicKind.Reason]),
    ];

    /// <summary>The group of "another section…" listing the saved answers (<c>more-saved</c>).</summary>
    private const string SavedGroup = "saved";

    /// <summary>Sections a row when a group is listed: Discord shows at most 5 rows of 5.</summary>
    private const int SectionsPerRow = 4;

    /// <summary>Saved answers a row when they are listed, and most listed (Discord: 5 rows, one of them off-topic and skip).</summary>
    private const int SavedAnswersPerRow = 2;
    private const int MaxSavedAnswersListed = 8;

    /// <summary>The window of <c>/stats</c>' count of labels added.</summary>
    public static readonly TimeSpan LabelsWindow = TimeSpan.FromDays(7);

    private const int MaxGuesses = 3;
    private const int KeyLength = 16;

    private static readonly DialogEventKind[] Reviewed = [DialogEventKind.Unmatched, DialogEventKind.Unsure, DialogEventKind.Chosen];

    /// <summary>A text of the queue: all its events (the same text typed again is one item), the latest last.</summary>
    private sealed record Item(string Key, string Language, string Guide, string Text, IReadOnlyList<DialogEvent> Events)
    {
        public DateTimeOffset LastAt => Events[^1].At;
    }

    private bool CanTeach => moderation is not null && reviews is not null && examples is not null;

    /// <summary>The digest naming a text in buttons and decisions: its language and duplicate key, never the text itself.</summary>
    public static string KeyOf(string language, string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(language + "\n" + ExamplesFile.Key(text))))[..KeyLength];

    /// <summary><c>rv:key:label</c> (key: <see cref="KeyOf"/>) and <c>rq:question:label</c>; the handler checks the rest.</summary>
    public static bool IsLabel(TurnContext context, ActionId action) =>
        action is { Target: { } target, Argument: not null }
        && (action.Verb == ActionId.ReviewQuestion
            ? target.Length is > 1 and <= 16 && target.All(char.IsAsciiLetterOrDigit)
            : target.Length == KeyLength && target.All(char.IsAsciiHexDigitUpper));

    public async ValueTask<Reply> ReviewCommand(TurnContext context, string argument, CancellationToken cancellationToken) =>
        CanTeach ? await NextAsync(context, null, cancellationToken) : Say(context, TextKey.ReviewUnavailable);

    /// <summary>How many texts wait for review, and how many labels moderators added in the last 7 days (for <c>/stats</c>).</summary>
    public async ValueTask<(int Queue, int Labels)?> CountsAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (!CanTeach)
            return null;
        var queue = await QueueAsync(context, cancellationToken);
        var labels = (await reviews!.ListReviewDecisionsAsync(context.Turn.Community, context.Now - LabelsWindow, cancellationToken))
            .Count(d => d.Outcome != ReviewOutcome.Skipped);
        return (queue.Count, labels);
    }

    /// <summary>Under a moderator's answer to a relayed question: buttons filing the question under a section, or as off-topic.</summary>
    public Reply OfferFiling(TurnContext context, Question question, Reply reply)
    {
        if (!CanTeach || !context.Book.Catalog.Languages.ContainsKey(question.Language))
            return reply;
        var buttons = LabelButtons(context, ActionId.ReviewQuestion, question.Id, question.Language, question.Guide, question.Text, chosen: null, answered: null, skip: false);
        return reply with { Messages = [.. reply.Messages, new OutgoingMessage(context.Texts[TextKey.FileQuestionOffer], buttons)] };
    }

    /// <summary>A tap on a label (or skip) button of <c>/review</c> or under an answered question.</summary>
    public async ValueTask<Reply> LabelAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (!context.Turn.IsModerator)
            return Say(context, TextKey.ModeratorsOnly);
        if (!CanTeach)
            return Say(context, TextKey.ReviewUnavailable);
        var fromQueue = action.Verb == ActionId.Review;
        var item = fromQueue
            ? (await ItemsAsync(context, cancellationToken)).FirstOrDefault(i => i.Key == action.Target)
            : await moderation!.FindQuestionAsync(action.Target!, cancellationToken) is { } question && question.Community == context.Turn.Community
                ? new Item(KeyOf(question.Language, question.Text), question.Language, question.Guide, question.Text, [])
                : null;
        if (item is null)
            return Stale(context);
        var argument = action.Argument!;
        if (argument == SkipArgument && fromQueue)
        {
            // A skip from an older message must not undo another moderator's label.
            if (await DecisionAsync(context, item, cancellationToken) is { Outcome: not ReviewOutcome.Skipped, Label: { } filed } decision && decision.At >= item.LastAt)
                return await NextAsync(context, context.Texts.Format(TextKey.ReviewAlreadyFiled, ("label", Markup.Escape(filed))), cancellationToken);
            await DecideAsync(context, item, ReviewOutcome.Skipped, null, cancellationToken);
            return await NextAsync(context, context.Texts[TextKey.ReviewSkipped], cancellationToken);
        }

        var verb = fromQueue ? ActionId.Review : ActionId.ReviewQuestion;
        if (argument == MoreArgument || argument.StartsWith(MoreArgument + "-", StringComparison.Ordinal))
            return MoreSections(context, verb, action.Target!, item, argument) ?? Stale(context);

        string label;
        string section;
        if (argument == OffTopic)
        {
            (label, section) = (TopicNames.OffTopic, context.Texts[TextKey.ButtonOffTopic]);
        }
        else if (SectionOf(context, item, argument) is { Kind: TopicKind.Saved, Id: { } savedId })
        {
            return await FileUnderSavedAsync(context, item, savedId, action, cancellationToken);
        }
        else if (SectionOf(context, item, argument) is { } topic)
        {
            (label, section) = (TopicNames.Format(topic, item.Guide), SectionName(context, item.Guide, topic));
        }
        else
        {
            // The content changed since the buttons were shown: say so, and offer the sections there are now.
            var gone = context.Texts.Format(TextKey.ReviewSectionGone, ("section", Markup.Escape(argument)));
            return new Reply(new OutgoingMessage(gone, LabelButtons(context, verb, action.Target!, item.Language, item.Guide, item.Text, null, null, fromQueue)));
        }

        var filing = await examples!.FileAsync(item.Language, item.Guide, label, item.Text, cancellationToken);
        string said;
        switch (filing.Outcome)
        {
            case ExampleFilingOutcome.Added:
                await DecideAsync(context, item, label == TopicNames.OffTopic ? ReviewOutcome.OffTopic : ReviewOutcome.Labelled, label, cancellationToken);
                said = label == TopicNames.OffTopic
                    ? context.Texts[TextKey.ReviewFiledOffTopic]
                    : context.Texts.Format(TextKey.ReviewFiled, ("section", Markup.Escape(section)));
                break;
            case ExampleFilingOutcome.AlreadyFiled or ExampleFilingOutcome.FiledOtherwise:
                // Another moderator was first, or the text was already an example: it leaves the queue as it is filed.
                var filed = filing.Detail ?? label;
                await DecideAsync(context, item, filed == TopicNames.OffTopic ? ReviewOutcome.OffTopic : ReviewOutcome.Labelled, filed, cancellationToken);
                said = context.Texts.Format(TextKey.ReviewAlreadyFiled, ("label", Markup.Escape(filed)));
                break;
            default:
                return Say(context, TextKey.ReviewRefused, ("reason", Markup.Escape(filing.Detail ?? "")));
        }
        return fromQueue ? await NextAsync(context, said, cancellationToken) : new Reply(new OutgoingMessage(said));
    }

    /// <summary>
    /// Files the text as one more example of a saved answer: appended to it in its language's <c>answers.yaml</c> (the
    /// reader retrains), and decided like any label. A text it already has, or an answer deleted meanwhile, says so.
    /// </summary>
    private async ValueTask<Reply> FileUnderSavedAsync(TurnContext context, Item item, string id, ActionId action, CancellationToken cancellationToken)
    {
        var fromQueue = action.Verb == ActionId.Review;
        var label = TopicNames.Format(Topic.Saved(id), item.Guide);
        var key = ExamplesFile.Key(item.Text);
        var full = false;
        var change = await savedAnswers!.ChangeAsync(item.Language, id, answer =>
        {
            if (answer is null || answer.Examples.Any(e => ExamplesFile.Key(e) == key))
                return answer;
            full = answer.Examples.Count >= SavedAnswersFile.MaxExamples;
            return full ? answer : answer with { Examples = [.. answer.Examples, string.Join(' ', item.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))] };
        }, cancellationToken);
        string said;
        switch (change)
        {
            case { Answer: null }:
                var gone = context.Texts.Format(TextKey.ReviewSectionGone, ("section", Markup.Escape(SavedAnswers.ArgumentOf(id))));
                return new Reply(new OutgoingMessage(gone, LabelButtons(context, action.Verb, action.Target!, item.Language, item.Guide, item.Text, null, null, fromQueue)));
            case { Outcome: SavedAnswerOutcome.Unchanged } when full:
                return Say(context, TextKey.ReviewSavedAnswerFull, ("title", Markup.Escape(change.Answer.Title)), ("max", SavedAnswersFile.MaxExamples.ToString(CultureInfo.InvariantCulture)));
            case { Outcome: SavedAnswerOutcome.Changed }:
                await DecideAsync(context, item, ReviewOutcome.Labelled, label, cancellationToken);
                said = context.Texts.Format(TextKey.ReviewFiled, ("section", Markup.Escape(change.Answer.Title)));
                break;
            case { Outcome: SavedAnswerOutcome.Unchanged }:
                await DecideAsync(context, item, ReviewOutcome.Labelled, label, cancellationToken);
                said = context.Texts.Format(TextKey.ReviewAlreadyFiled, ("label", Markup.Escape(label)));
                break;
            default:
                return Say(context, TextKey.ReviewRefused, ("reason", Markup.Escape(change.Detail ?? "")));
        }
        return fromQueue ? await NextAsync(context, said, cancellationToken) : new Reply(new OutgoingMessage(said));
    }

    /// <summary>The queue's first text with its buttons, after <paramref name="before"/> (what the last tap did).</summary>
    private async ValueTask<Reply> NextAsync(TurnContext context, string? before, CancellationToken cancellationToken)
    {
        var queue = await QueueAsync(context, cancellationToken);
        var lead = before is null ? "" : before + "\n\n";
        if (queue.Count == 0)
            return new Reply(new OutgoingMessage(lead + context.Texts[TextKey.ReviewEmpty]));
        var item = queue[0];
        var chosen = LastTopic(item, DialogEventKind.Chosen);
        var disputed = item.Events.LastOrDefault(e => e.Kind == DialogEventKind.Unmatched && e.Topic is not null)?.Topic;
        var unsure = LastTopic(item, DialogEventKind.Unsure);
        var why = chosen is not null ? Why(context, item, TextKey.ReviewWhyChosen, chosen)
            : disputed is not null ? Why(context, item, TextKey.ReviewWhyDisputed, disputed)
            : unsure is not null ? Why(context, item, TextKey.ReviewWhyUnsure, unsure)
            : context.Texts[TextKey.ReviewWhyUnmatched];
        var text = context.Texts.Format(TextKey.ReviewItem,
            ("count", queue.Count.ToString(CultureInfo.InvariantCulture)),
            ("language", item.Language),
            ("text", Markup.Bold(Markup.Escape(item.Text))),
            ("why", why));
        var buttons = LabelButtons(context, ActionId.Review, item.Key, item.Language, item.Guide, item.Text, chosen, disputed ?? unsure, skip: true);
        return new Reply(new OutgoingMessage(lead + text, buttons));
    }

    private static string? LastTopic(Item item, DialogEventKind kind) => item.Events.LastOrDefault(e => e.Kind == kind && e.Topic is not null)?.Topic;

    private string Why(TurnContext context, Item item, TextKey key, string argument) =>
        context.Texts.Format(key, ("section", Markup.Escape(SectionOf(context, item, argument) is { } topic ? SectionName(context, item.Guide, topic) : argument)));

    /// <summary>
    /// The sections to file a text under: the one the user chose, the reader's guesses now, the one it was answered
    /// with; then off-topic and (in the queue) skip. A section whose button would not fit 64 bytes is left out.
    /// </summary>
    private List<IReadOnlyList<Button>> LabelButtons(TurnContext context, string verb, string target, string language, string guide, string text, string? chosen, string? answered, bool skip)
    {
        var screens = ItemGuide(context, language, guide);
        var reading = understanding.Understand(text, language, near: null, context.Turn.Community);
        IEnumerable<Topic?> guesses =
        [
            chosen is null ? null : SavedAnswers.TopicOf(chosen) ?? screens?.TopicOf(chosen),
            reading.Match?.Topic,
            .. reading.Suggestions.Select(t => (Topic?)t),
            answered is null ? null : SavedAnswers.TopicOf(answered) ?? screens?.TopicOf(answered),
        ];
        var rows = new List<IReadOnlyList<Button>>();
        foreach (var topic in guesses.OfType<Topic>().Where(t => t.Guide == guide || t.Kind == TopicKind.Saved).Distinct())
        {
            if (rows.Count == MaxGuesses)
                break;
            if (topic is { Kind: TopicKind.Saved, Id: { } id })
            {
                if (savedAnswers is not null && SavedAnswer(context, language, id) is { } saved && Fits(verb, target, SavedAnswers.ArgumentOf(id), out var give))
                    rows.Add([new Button(saved.Title, give)]);
            }
            else if (screens?.ArgumentOf(topic) is { } argument && Fits(verb, target, argument, out var action))
            {
                rows.Add([new Button(SectionName(context, guide, topic), action)]);
            }
        }
        rows.Add([new Button(context.Texts[TextKey.ButtonOtherSection], new ActionId(verb, target, MoreArgument).ToString()), .. LastRow(context, verb, target, skip)]);
        return rows;
    }

    private static List<Button> LastRow(TurnContext context, string verb, string target, bool skip)
    {
        List<Button> last = [new Button(context.Texts[TextKey.ButtonOffTopic], new ActionId(verb, target, OffTopic).ToString())];
        if (skip)
            last.Add(new Button(context.Texts[TextKey.ButtonSkip], new ActionId(verb, target, SkipArgument).ToString()));
        return last;
    }

    /// <summary>
    /// "Another section…" when the guesses miss: <c>more</c> lists the groups of sections, <c>more-group</c> the group's
    /// sections, each a label button; null for a group that does not exist.
    /// </summary>
    private Reply? MoreSections(TurnContext context, string verb, string target, Item item, string argument)
    {
        var skip = verb == ActionId.Review;
        var screens = ItemGuide(context, item.Language, item.Guide);
        var prompt = context.Texts.Format(TextKey.ReviewPickSection, ("text", Markup.Bold(Markup.Escape(item.Text))));
        if (screens is null)
            return new Reply(new OutgoingMessage(prompt, [LastRow(context, verb, target, skip)]));
        var sections = TopicNames.All(screens.Guide).ToList();
        if (argument == MoreArgument)
        {
            var groups = Groups.Where(g => sections.Any(t => g.Kinds.Contains(t.Kind)))
                .Select(g => new Button(context.Texts[g.Label], new ActionId(verb, target, MoreArgument + "-" + g.Name).ToString()))
                .ToList();
            if (SavedAnswersOf(context, item.Language).Count > 0)
                groups.Add(new Button(context.Texts[TextKey.ButtonSavedAnswers], new ActionId(verb, target, MoreArgument + "-" + SavedGroup).ToString()));
            return new Reply(new OutgoingMessage(prompt, [groups, LastRow(context, verb, target, skip)]));
        }
        if (argument == MoreArgument + "-" + SavedGroup)
        {
            var answers = SavedAnswersOf(context, item.Language)
                .Select(a => Fits(verb, target, SavedAnswers.ArgumentOf(a.Id), out var action) ? new Button(a.Title, action) : null)
                .OfType<Button>();
            // Titles are longer than sections' names: two a row.
            return new Reply(new OutgoingMessage(prompt, [.. answers.Chunk(SavedAnswersPerRow), LastRow(context, verb, target, skip)]));
        }
        if (Array.Find(Groups, g => MoreArgument + "-" + g.Name == argument) is not { Name: not null } group)
            return null;
        var buttons = sections.Where(t => group.Kinds.Contains(t.Kind))
            .Select(t => screens.ArgumentOf(t) is { } a && Fits(verb, target, a, out var action) ? new Button(SectionName(context, item.Guide, t), action) : null)
            .OfType<Button>();
        return new Reply(new OutgoingMessage(prompt, [.. buttons.Chunk(SectionsPerRow), LastRow(context, verb, target, skip)]));
    }

    private static bool Fits(string verb, string target, string argument, out string action)
    {
        action = new ActionId(verb, target, argument).ToString();
        return ActionId.TryParse(action, out _);
    }

    /// <summary>The guide's screens in the text's language, if both still exist.</summary>
    private static GuideScreens? ItemGuide(TurnContext context, string language, string guide) =>
        context.Book.Languages.TryGetValue(language, out var screens) && screens.Guides.TryGetValue(guide, out var found) ? found : null;

    /// <summary>
    /// The section a button argument names in the text's guide now, or the saved answer it names in the text's language
    /// for the moderator's community; null when the content no longer has it.
    /// </summary>
    private Topic? SectionOf(TurnContext context, Item item, string argument) =>
        SavedAnswers.TopicOf(argument) is { Id: { } id } saved
            ? savedAnswers is not null && SavedAnswer(context, item.Language, id) is not null ? saved : null
            : ItemGuide(context, item.Language, item.Guide)?.TopicOf(argument);

    /// <summary>A section as the moderator reads it: its button's label in the moderator's language (a saved answer: its title).</summary>
    private static string SectionName(TurnContext context, string guide, Topic topic) =>
        topic is { Kind: TopicKind.Saved, Id: { } id }
            ? (context.Language.SavedAnswers.GetValueOrDefault(id) ?? context.Book.Languages.Values.Select(l => l.SavedAnswers.GetValueOrDefault(id)).FirstOrDefault(a => a is not null))?.Title ?? TopicNames.Format(topic, guide)
            : context.Language.Guides.TryGetValue(guide, out var screens) && screens.TopicButton(topic) is { } button
                ? button.Label
                : TopicNames.Format(topic, guide);

    /// <summary>Saved answer <paramref name="id"/> in <paramref name="language"/>, if the moderator's community is served it.</summary>
    private static SavedAnswer? SavedAnswer(TurnContext context, string language, string id) =>
        context.Book.Languages.TryGetValue(language, out var screens) && screens.SavedAnswers.TryGetValue(id, out var answer) && answer.IsFor(context.Turn.Community)
            ? answer
            : null;

    /// <summary>The saved answers a text in <paramref name="language"/> may be filed under ("another section…"), the newest first; none where filing under them is impossible.</summary>
    private List<SavedAnswer> SavedAnswersOf(TurnContext context, string language) =>
        savedAnswers is not null && context.Book.Catalog.Languages.TryGetValue(language, out var pack)
            ? pack.SavedAnswers.Where(a => a.IsFor(context.Turn.Community)).Reverse().Take(MaxSavedAnswersListed).ToList()
            : [];

    private ValueTask DecideAsync(TurnContext context, Item item, ReviewOutcome outcome, string? label, CancellationToken cancellationToken) =>
        reviews!.SaveReviewDecisionAsync(new ReviewDecision
        {
            Id = ReviewDecision.IdFor(context.Turn.Community, item.Key),
            Community = context.Turn.Community,
            Key = item.Key,
            Outcome = outcome,
            Label = label,
            By = context.Turn.Channel + ":" + (context.Turn.DisplayName ?? context.Turn.UserId),
            At = context.Now,
        }, cancellationToken);

    private async ValueTask<ReviewDecision?> DecisionAsync(TurnContext context, Item item, CancellationToken cancellationToken) =>
        (await reviews!.ListReviewDecisionsAsync(context.Turn.Community, DateTimeOffset.MinValue, cancellationToken)).FirstOrDefault(d => d.Key == item.Key);

    /// <summary>Every text of the community the queue is made of, decided or not.</summary>
    private async ValueTask<IReadOnlyList<Item>> ItemsAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var events = await moderation!.ListEventsAsync(context.Turn.Community, DateTimeOffset.MinValue, cancellationToken);
        return events
            .Where(e => Reviewed.Contains(e.Kind) && !string.IsNullOrWhiteSpace(e.Text))
            .GroupBy(e => KeyOf(e.Language, e.Text!), StringComparer.Ordinal)
            .Select(g =>
            {
                var ordered = g.OrderBy(e => e.At).ToList();
                var latest = ordered[^1];
                return new Item(g.Key, latest.Language, latest.Guide, latest.Text!, ordered);
            })
            .ToList();
    }

    /// <summary>The texts without a decision since they last came up: the most frequent first, then the oldest.</summary>
    private async ValueTask<IReadOnlyList<Item>> QueueAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var decided = (await reviews!.ListReviewDecisionsAsync(context.Turn.Community, DateTimeOffset.MinValue, cancellationToken))
            .ToDictionary(d => d.Key, d => d.At, StringComparer.Ordinal);
        return (await ItemsAsync(context, cancellationToken))
            .Where(i => !decided.TryGetValue(i.Key, out var at) || at < i.LastAt)
            .OrderByDescending(i => i.Events.Count)
            .ThenBy(i => i.Events[0].At)
            .ToList();
    }
}
