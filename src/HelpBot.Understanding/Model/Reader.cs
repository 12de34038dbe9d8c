using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Model;

/// <summary>
/// The last stage of reading: the model's probabilities become a decision. Labels that open the same screen (a part
/// and its first sub-step) are one answer and their probabilities add up. The likeliest answer is given when it is
/// likely enough (<see cref="UnderstandingOptions.AnswerConfidence"/>); otherwise the likeliest sections are offered
/// as buttons (<see cref="UnderstandingOptions.OfferConfidence"/>), or, when none is likely, the bot falls back.
/// A short follow-up to a section just shown ("а почта?" after the consequences) is read within that section's list.
/// </summary>
internal sealed class Reader(ContentCatalog catalog, UnderstandingOptions options)
{
    /// <summary>Most sections offered at once: more buttons would bury the menu.</summary>
    public const int MaxOffers = 3;

    /// <summary>
    /// Lowest probability of a section offered under an answer's "Not what I asked": once the user says the answer is
    /// wrong, any reading the model gives some weight is worth a look, but not the long tail of labels.
    /// </summary>
    private const double AlternativeFloor = 0.01;

    /// <summary>Most words of a message read as a follow-up to the section shown before it.</summary>
    public const int MaxFollowUpWords = 4;

    /// <summary>
    /// Lowest probability of a section of the list just shown that answers a short follow-up: the message names the list's
    /// subject only in passing ("а почта?"), so the model leans elsewhere ("email" is the form's e-mail line or a reason
    /// option), yet any weight on the list's own item is the reading the conversation means.
    /// </summary>
    private const double FollowUpFloor = 0.02;

    /// <param name="words">How many words the message has: only a short one is a follow-up.</param>
    public TextReading Decide(IReadOnlyList<(Topic? Topic, double Probability)> ranked, Topic? near, int words)
    {
        var screens = Screens(ranked);
        if (near is { } shown && words <= MaxFollowUpWords && screens[0].Topic is { Kind: not TopicKind.SmallTalk }
            && screens.FirstOrDefault(s => s.Topic is { } t && IsFollowUp(t, shown)) is { Topic: { } followUp, Probability: >= FollowUpFloor } found)
        {
            return new TextReading(new TextMatch(followUp, found.Probability), Offered(screens.Where(s => s.Topic is { Kind: not TopicKind.SmallTalk } t && t != followUp && s.Probability >= AlternativeFloor)));
        }
        return Decide(screens, options.AnswerConfidence);
    }

    /// <summary>The decision at a given answer threshold, from screens already weighed (the evaluation sweeps it).</summary>
    public TextReading Decide(IReadOnlyList<(Topic? Topic, double Probability)> screens, double answerConfidence)
    {
        var (best, probability) = screens[0];
        var sections = screens.Where(s => s.Topic is { Kind: not TopicKind.SmallTalk });
        if (best is { } topic && probability >= answerConfidence)
        {
            var alternatives = sections.Where(s => s.Topic != best && s.Probability >= AlternativeFloor);
            return new TextReading(new TextMatch(topic, probability), Offered(alternatives));
        }
        return new TextReading(null, Offered(sections.Where(s => s.Probability >= options.OfferConfidence)));
    }

    /// <summary>The model's labels as answers: those opening one screen merged, the likeliest first.</summary>
    public IReadOnlyList<(Topic? Topic, double Probability)> Screens(IReadOnlyList<(Topic? Topic, double Probability)> ranked)
    {
        var screens = new Dictionary<Topic, (Topic Shown, double Probability, double Best)>();
        var offTopic = 0.0;
        foreach (var (topic, probability) in ranked)
        {
            if (topic is not { } t)
            {
                offTopic += probability;
                continue;
            }
            var screen = TopicNames.Answer(t, catalog);
            screens[screen] = screens.TryGetValue(screen, out var merged)
                ? (probability > merged.Best ? t : merged.Shown, merged.Probability + probability, Math.Max(probability, merged.Best))
                : (t, probability, probability);
        }
        return screens.Values.Select(s => ((Topic?)s.Shown, s.Probability))
            .Append((null, offTopic))
            .OrderByDescending(s => s.Item2)
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

    private static Topic[] Offered(IEnumerable<(Topic? Topic, double Probability)> screens) =>
        screens.Select(s => s.Topic!.Value).Take(MaxOffers).ToArray();
}
