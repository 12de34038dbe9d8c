using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation.Desk;
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
internal sealed class Review(ReviewDesk queue, ITextUnderstanding understanding, IModerationStore? moderation)
{
    /// <summary>The argument of the off-topic button (the examples file's own label for it).</summary>
    public const string OffTopic = ReviewDesk.OffTopic;

    /// <summary>The argument of the skip button: the text leaves the queue, nothing is filed.</summary>
    public const string SkipArgument = ReviewDesk.Skip;

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

    /// <summary>The digest naming a text in buttons and decisions (<see cref="ReviewDesk.KeyOf"/>).</summary>
    public static string KeyOf(string language, string text) => ReviewDesk.KeyOf(language, text);

    /// <summary><c>rv:key:label</c> (key: <see cref="KeyOf"/>) and <c>rq:question:label</c>; the handler checks the rest.</summary>
    public static bool IsLabel(TurnContext context, ActionId action) =>
        action is { Target: { } target, Argument: not null }
        && (action.Verb == ActionId.ReviewQuestion
            ? target.Length is > 1 and <= 16 && target.All(char.IsAsciiLetterOrDigit)
            : ReviewDesk.IsKey(target));

    public async ValueTask<Reply> ReviewCommand(TurnContext context, string argument, CancellationToken cancellationToken) =>
        queue.CanTeach ? await NextAsync(context, null, cancellationToken) : Say(context, TextKey.ReviewUnavailable);

    /// <summary>How many texts wait for review, and how many labels moderators added in the last 7 days (for <c>/stats</c>).</summary>
    public ValueTask<(int Queue, int Labels)?> CountsAsync(TurnContext context, CancellationToken cancellationToken) =>
        queue.CountsAsync(context.Turn.Community, context.Now, cancellationToken);

    /// <summary>Under a moderator's answer to a relayed question: buttons filing the question under a section, or as off-topic.</summary>
    public Reply OfferFiling(TurnContext context, Question question, Reply reply)
    {
        if (!queue.CanTeach || !context.Book.Catalog.Languages.ContainsKey(question.Language))
            return reply;
        var buttons = LabelButtons(context, ActionId.ReviewQuestion, question.Id, ItemOf(question), chosen: null, answered: null, skip: false);
        return reply with { Messages = [.. reply.Messages, new OutgoingMessage(context.Texts[TextKey.FileQuestionOffer], buttons)] };
    }

    private static ReviewItem ItemOf(Question question) => new(KeyOf(question.Language, question.Text), question.Language, question.Guide, question.Text, []);

    /// <summary>A tap on a label (or skip) button of <c>/review</c> or under an answered question.</summary>
    public async ValueTask<Reply> LabelAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (!context.Turn.IsModerator)
            return Say(context, TextKey.ModeratorsOnly);
        if (!queue.CanTeach)
            return Say(context, TextKey.ReviewUnavailable);
        var fromQueue = action.Verb == ActionId.Review;
        var item = fromQueue
            ? await queue.FindItemAsync(context.Turn.Community, action.Target!, cancellationToken)
            : await moderation!.FindQuestionAsync(action.Target!, cancellationToken) is { } question && question.Community == context.Turn.Community
                ? ItemOf(question)
                : null;
        if (item is null)
            return Stale(context);
        var argument = action.Argument!;
        var moderator = Moderator.Of(context.Turn);
        if (argument == SkipArgument && fromQueue)
        {
            var skipped = await queue.SkipAsync(moderator, item, context.Now, cancellationToken);
            return await NextAsync(context, skipped.Outcome == ReviewFilingOutcome.Skipped
                ? context.Texts[TextKey.ReviewSkipped]
                : context.Texts.Format(TextKey.ReviewAlreadyFiled, ("label", Markup.Escape(skipped.Label ?? ""))), cancellationToken);
        }

        var verb = fromQueue ? ActionId.Review : ActionId.ReviewQuestion;
        if (argument == MoreArgument || argument.StartsWith(MoreArgument + "-", StringComparison.Ordinal))
            return MoreSections(context, verb, action.Target!, item, argument) ?? Stale(context);

        var filing = await queue.FileAsync(context.Book, moderator, item, argument, context.Now, cancellationToken);
        string said;
        switch (filing.Outcome)
        {
            case ReviewFilingOutcome.FiledOffTopic:
                said = context.Texts[TextKey.ReviewFiledOffTopic];
                break;
            case ReviewFilingOutcome.Filed:
                said = context.Texts.Format(TextKey.ReviewFiled, ("section", Markup.Escape(filing.Title ?? ReviewDesk.Title(context.Book, context.Language, item.Guide, filing.Topic!.Value))));
                break;
            case ReviewFilingOutcome.AlreadyDecided:
                said = context.Texts.Format(TextKey.ReviewAlreadyFiled, ("label", Markup.Escape(filing.Label ?? "")));
                break;
            case ReviewFilingOutcome.UnknownLabel:
                // The content changed since the buttons were shown: say so, and offer the sections there are now.
                var gone = context.Texts.Format(TextKey.ReviewSectionGone, ("section", Markup.Escape(filing.Label ?? argument)));
                return new Reply(new OutgoingMessage(gone, LabelButtons(context, verb, action.Target!, item, null, null, fromQueue)));
            case ReviewFilingOutcome.SavedAnswerFull:
                return Say(context, TextKey.ReviewSavedAnswerFull, ("title", Markup.Escape(filing.Title ?? "")), ("max", SavedAnswersFile.MaxExamples.ToString(CultureInfo.InvariantCulture)));
            default:
                return Say(context, TextKey.ReviewRefused, ("reason", Markup.Escape(filing.Detail ?? "")));
        }
        return fromQueue ? await NextAsync(context, said, cancellationToken) : new Reply(new OutgoingMessage(said));
    }

    /// <summary>The queue's first text with its buttons, after <paramref name="before"/> (what the last tap did).</summary>
    private async ValueTask<Reply> NextAsync(TurnContext context, string? before, CancellationToken cancellationToken)
    {
        var items = await queue.QueueAsync(context.Turn.Community, cancellationToken);
        var lead = before is null ? "" : before + "\n\n";
        if (items.Count == 0)
            return new Reply(new OutgoingMessage(lead + context.Texts[TextKey.ReviewEmpty]));
        var item = items[0];
        var (reason, proposed) = ReviewDesk.ReasonOf(item);
        var why = reason switch
        {
            ReviewReason.Chosen => Why(context, item, TextKey.ReviewWhyChosen, proposed!),
            ReviewReason.Disputed => Why(context, item, TextKey.ReviewWhyDisputed, proposed!),
            ReviewReason.Unsure => Why(context, item, TextKey.ReviewWhyUnsure, proposed!),
            _ => context.Texts[TextKey.ReviewWhyUnmatched],
        };
        var text = context.Texts.Format(TextKey.ReviewItem,
            ("count", items.Count.ToString(CultureInfo.InvariantCulture)),
            ("language", item.Language),
            ("text", Markup.Bold(Markup.Escape(item.Text))),
            ("why", why));
        var buttons = LabelButtons(context, ActionId.Review, item.Key, item, ReviewDesk.Chosen(item), ReviewDesk.Answered(item), skip: true);
        return new Reply(new OutgoingMessage(lead + text, buttons));
    }

    private string Why(TurnContext context, ReviewItem item, TextKey key, string argument) =>
        context.Texts.Format(key, ("section", Markup.Escape(queue.SectionOf(context.Book, context.Turn.Community, item, argument) is { } topic
            ? ReviewDesk.Title(context.Book, context.Language, item.Guide, topic)
            : argument)));

    /// <summary>
    /// The sections to file a text under: <see cref="ReviewDesk.Candidates"/>; then off-topic and (in the queue) skip.
    /// A section whose button would not fit 64 bytes is left out.
    /// </summary>
    private List<IReadOnlyList<Button>> LabelButtons(TurnContext context, string verb, string target, ReviewItem item, string? chosen, string? answered, bool skip)
    {
        var reading = understanding.Understand(item.Text, item.Language, near: null, context.Turn.Community);
        var rows = new List<IReadOnlyList<Button>>();
        foreach (var (topic, argument) in queue.Candidates(context.Book, context.Turn.Community, item, reading, chosen, answered))
        {
            if (rows.Count == ReviewDesk.MaxGuesses)
                break;
            if (Fits(verb, target, argument, out var action))
                rows.Add([new Button(ReviewDesk.Title(context.Book, context.Language, item.Guide, topic), action)]);
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
    private Reply? MoreSections(TurnContext context, string verb, string target, ReviewItem item, string argument)
    {
        var skip = verb == ActionId.Review;
        var screens = ReviewDesk.ItemGuide(context.Book, item.Language, item.Guide);
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
            .Select(t => screens.ArgumentOf(t) is { } a && Fits(verb, target, a, out var action) ? new Button(ReviewDesk.Title(context.Book, context.Language, item.Guide, t), action) : null)
            .OfType<Button>();
        return new Reply(new OutgoingMessage(prompt, [.. buttons.Chunk(SectionsPerRow), LastRow(context, verb, target, skip)]));
    }

    private static bool Fits(string verb, string target, string argument, out string action)
    {
        action = new ActionId(verb, target, argument).ToString();
        return ActionId.TryParse(action, out _);
    }

    /// <summary>The saved answers a text in <paramref name="language"/> may be filed under ("another section…"), the newest first; none where filing under them is impossible.</summary>
    private List<SavedAnswer> SavedAnswersOf(TurnContext context, string language) =>
        queue.CanFileUnderSaved && context.Book.Catalog.Languages.TryGetValue(language, out var pack)
            ? pack.SavedAnswers.Where(a => a.IsFor(context.Turn.Community)).Reverse().Take(MaxSavedAnswersListed).ToList()
            : [];
}
