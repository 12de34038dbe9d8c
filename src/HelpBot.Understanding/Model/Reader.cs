using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Model;

/// <summary>
/// The last stage of reading: the model's probabilities become a decision. The likeliest label is answered when it is
/// likely enough (<see cref="UnderstandingOptions.AnswerConfidence"/>); otherwise the likeliest sections are offered as
/// buttons (<see cref="UnderstandingOptions.OfferConfidence"/>), or, when none is likely, the bot falls back. A short
/// follow-up to a section just shown ("а почта?" after the consequences) is read within that section's list, unless
/// it is rather small talk ("спасибо большое!" after a step).
/// </summary>
internal sealed class Reader(ContentCatalog catalog, UnderstandingOptions options)
{
    /// <summary>Each language's saved answers by id: an answer is read only in its languages, for its community.</summary>
    private readonly Dictionary<string, Dictionary<string, SavedAnswer>> _saved = catalog.Languages.ToDictionary(
        l => l.Key, l => l.Value.SavedAnswers.ToDictionary(a => a.Id, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Most sections offered at once: more buttons would bury the menu.</summary>
    public const int MaxOffers = 3;

    /// <summary>Most words of a message read as a follow-up to the section shown before it.</summary>
    public const int MaxFollowUpWords = 4;

    /// <summary>
    /// Lowest probability of a section offered under an answer's "Not what I asked": once the user says the answer is
    /// wrong, any reading the model gives some weight is worth a look, but not the long tail of labels.
    /// </summary>
    private const double AlternativeFloor = 0.01;

    /// <summary>
    /// Lowest probability of a section of the list just shown that answers a short follow-up: the message names the list's
    /// subject only in passing ("а почта?"), so the model leans elsewhere ("email" is the form's e-mail line or a reason
    /// option), yet any weight on the list's own item is the reading the conversation means. The trained model gives
    /// the tail of its labels little weight (0.3 % for the form's e-mail line after "а почта?" on the form's steps), so
    /// the floor only keeps out labels it gives none.
    /// </summary>
    private const double FollowUpFloor = 0.002;

    /// <param name="ranked">The model's labels, the likeliest first.</param>
    /// <param name="words">How many words the message has: only a short one is a follow-up.</param>
    /// <param name="saved">The saved answers by likeness (<see cref="SavedAnswerMatcher"/>), the likeliest first.</param>
    public TextReading Decide(IReadOnlyList<(Topic? Topic, double Probability)> ranked, IReadOnlyList<(Topic? Topic, double Probability)> saved, Topic? near, int words)
    {
        if (near is not { } shown || words > MaxFollowUpWords)
            return Decide(ranked, saved, options.AnswerConfidence);
        var followUp = ranked.FirstOrDefault(s => s.Topic is { } t && IsFollowUp(t, shown));
        // Small talk first: thanks after a step would otherwise be read as a question about the step's list, where
        // any weight is enough. It needs the weight of an offer, and more than the list's likeliest section.
        if (ranked.FirstOrDefault(s => s.Topic is { Kind: TopicKind.SmallTalk }) is { Topic: { } talk } smallTalk
            && smallTalk.Probability >= options.OfferConfidence && smallTalk.Probability > followUp.Probability)
        {
            return Answer(ranked, talk, smallTalk.Probability);
        }
        if (ranked[0].Topic is { IsSection: true } && followUp is { Topic: { } section, Probability: >= FollowUpFloor })
            return Answer(ranked, section, followUp.Probability);
        return Decide(ranked, saved, options.AnswerConfidence);
    }

    /// <summary>
    /// The decision at a given answer threshold (the evaluation sweeps it). A guide section or small talk the model is
    /// sure of answers; otherwise a saved answer like the message enough (<see cref="UnderstandingOptions.SavedAnswerLikeness"/>)
    /// answers, and one less like it is offered first among the buttons.
    /// </summary>
    public TextReading Decide(IReadOnlyList<(Topic? Topic, double Probability)> ranked, IReadOnlyList<(Topic? Topic, double Probability)> saved, double answerConfidence)
    {
        var reading = Decide(ranked, answerConfidence);
        if (reading.Match is not null || saved.Count == 0 || saved[0] is not { Topic: { } likest, Probability: var likeness } || likeness < options.SavedOfferLikeness)
            return reading;
        var others = reading.Suggestions.Where(t => t != likest).Take(MaxOffers - 1);
        return likeness >= options.SavedAnswerLikeness
            ? new TextReading(new TextMatch(likest, likeness), [.. others])
            : new TextReading(null, [likest, .. others]);
    }

    /// <summary>
    /// The ranking without the saved answers not served to a user of <paramref name="community"/> writing in
    /// <paramref name="language"/>: another language's or another community's answer is no reading of the message.
    /// </summary>
    public IReadOnlyList<(Topic? Topic, double Probability)> Served(IReadOnlyList<(Topic? Topic, double Probability)> ranked, string language, string community)
    {
        if (!ranked.Any(s => s.Topic is { Kind: TopicKind.Saved }))
            return ranked;
        var served = _saved.GetValueOrDefault(language);
        return ranked.Where(s => s.Topic is not { Kind: TopicKind.Saved, Id: { } id } || (served?.GetValueOrDefault(id)?.IsFor(community) ?? false)).ToArray();
    }

    /// <summary>The model's decision alone at a given answer threshold.</summary>
    private TextReading Decide(IReadOnlyList<(Topic? Topic, double Probability)> ranked, double answerConfidence)
    {
        var (best, probability) = ranked[0];
        return best is { } topic && probability >= answerConfidence
            ? Answer(ranked, topic, probability)
            : new TextReading(null, Offered(ranked.Where(s => s.Probability >= options.OfferConfidence), answered: null));
    }

    /// <summary>An answer, with the other sections it may mean for "Not what I asked".</summary>
    private TextReading Answer(IReadOnlyList<(Topic? Topic, double Probability)> ranked, Topic answer, double probability) =>
        new(new TextMatch(answer, probability), Offered(ranked.Where(s => s.Probability >= AlternativeFloor), answer));

    /// <summary>
    /// The sections among <paramref name="candidates"/> worth a button: never small talk, one per screen (a part opens its
    /// first sub-step), none on the screen of the answer given, at most <see cref="MaxOffers"/>.
    /// </summary>
    private Topic[] Offered(IEnumerable<(Topic? Topic, double Probability)> candidates, Topic? answered)
    {
        var answeredScreen = answered is { } a ? TopicNames.Answer(a, catalog) : (Topic?)null;
        return candidates.Select(s => s.Topic)
            .OfType<Topic>()
            .Where(t => t.Kind != TopicKind.SmallTalk && TopicNames.Answer(t, catalog) != answeredScreen)
            .DistinctBy(t => TopicNames.Answer(t, catalog))
            .Take(MaxOffers)
            .ToArray();
    }

    /// <summary>
    /// Whether a section may be what a short follow-up to <paramref name="near"/> asks about: the same screen, or another
    /// item of the same list: the consequences with the refund advice, the reason options (also from the form's reason
    /// line), the sub-steps of one part.
    /// </summary>
    private bool IsFollowUp(Topic topic, Topic near) =>
        topic.Guide == near.Guide && topic.Kind != TopicKind.SmallTalk
        && (TopicNames.Answer(topic, catalog) == TopicNames.Answer(near, catalog) || (ListOf(topic) is { } list && list == ListOf(near)));

    /// <summary>The list a section belongs to, if any: "consequences", "reasons" or the part of a sub-step.</summary>
    private string? ListOf(Topic topic) => topic.Kind switch
    {
        TopicKind.Consequences or TopicKind.Consequence or TopicKind.Refunds => "consequences",
        TopicKind.Reasons or TopicKind.Reason => "reasons",
        TopicKind.Part => "part " + topic.Id,
        TopicKind.Step when TopicNames.GuideOf(topic, catalog)?.Steps.FirstOrDefault(s => s.Id == topic.Id) is { } step =>
            step.ShowReasons ? "reasons" : "part " + step.Part.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
