using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Index;

/// <summary>Everything in the content that says what a topic is about, in every language.</summary>
internal static class TopicDocuments
{
    public static IEnumerable<TopicDocument> From(ContentCatalog catalog)
    {
        foreach (var pack in catalog.Languages.Values)
        {
            foreach (var guide in pack.Guides.Values)
            {
                foreach (var document in From(guide))
                    yield return document;
            }
        }
    }

    private static IEnumerable<TopicDocument> From(Guide guide)
    {
        var id = guide.Id;
        var overview = new Topic(id, TopicKind.Overview);
        yield return Phrase(overview, guide.Title);
        yield return Text(overview, guide.Intro);
        foreach (var phrase in Phrases(overview, guide.Match))
            yield return phrase;

        if (guide.Consequences is { } consequences)
        {
            var all = new Topic(id, TopicKind.Consequences);
            yield return Phrase(all, consequences.Intro);
            foreach (var phrase in Phrases(all, consequences.Match))
                yield return phrase;
            foreach (var item in consequences.Items)
            {
                var topic = new Topic(id, TopicKind.Consequence, item.Id);
                yield return Text(topic, item.Text);
                foreach (var phrase in Phrases(topic, item.Match))
                    yield return phrase;
            }
            var refunds = new Topic(id, TopicKind.Refunds);
            yield return Text(refunds, consequences.Advice);
            foreach (var phrase in Phrases(refunds, consequences.AdviceMatch))
                yield return phrase;
        }

        foreach (var part in guide.Parts)
        {
            var topic = new Topic(id, TopicKind.Part, part.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return Phrase(topic, part.Title);
            yield return Text(topic, part.Intro);
            foreach (var phrase in Phrases(topic, part.Match))
                yield return phrase;
        }

        foreach (var step in guide.Steps)
        {
            var topic = new Topic(id, TopicKind.Step, step.Id);
            yield return Text(topic, step.Text);
            foreach (var phrase in Phrases(topic, step.Match))
                yield return phrase;
        }

        var done = new Topic(id, TopicKind.Done);
        yield return Text(done, guide.Done);
        foreach (var phrase in Phrases(done, guide.DoneMatch))
            yield return phrase;

        if (guide.Reasons is { } reasons)
        {
            var all = new Topic(id, TopicKind.Reasons);
            yield return Text(all, reasons.Intro);
            foreach (var phrase in Phrases(all, reasons.Match))
                yield return phrase;
            foreach (var option in reasons.Options)
            {
                var topic = new Topic(id, TopicKind.Reason, option.Id);
                yield return new TopicDocument(topic, option.Option, TopicDocumentKind.FormOption);
                yield return Phrase(topic, option.Translation);
                yield return Text(topic, option.Advice);
                foreach (var phrase in Phrases(topic, option.Match))
                    yield return phrase;
            }
        }

        // Each out-of-scope phrase is a topic of its own: as one topic, a message's words found across several of
        // them ("money" in one, "cancelled order" in another) summed up to a nearby thing nobody asked about.
        foreach (var phrase in guide.OutOfScope)
            yield return Phrase(new Topic(id, TopicKind.OutOfScope, phrase), phrase);
    }

    /// <summary>
    /// The sections that list others, for each listed topic: the consequences for each consequence and the refund advice,
    /// the list of reasons for each reason option. A question about one item is often asked in the list's words ("what
    /// happens to my orders if I delete", "got scammed, which reason do I pick"). A part does not enclose its sub-steps
    /// here: "the form" or "step 1" is said in questions about every later screen too, and counted for the sub-steps it
    /// made confident wrong answers of fresh questions ("нажал подтвердить форму, акк удалён?" is the done screen).
    /// </summary>
    public static Dictionary<Topic, Topic> Enclosing(ContentCatalog catalog)
    {
        var enclosing = new Dictionary<Topic, Topic>();
        foreach (var guide in catalog.Languages.Values.SelectMany(p => p.Guides.Values))
        {
            var id = guide.Id;
            if (guide.Consequences is { } consequences)
            {
                var all = new Topic(id, TopicKind.Consequences);
                foreach (var item in consequences.Items)
                    enclosing[new Topic(id, TopicKind.Consequence, item.Id)] = all;
                enclosing[new Topic(id, TopicKind.Refunds)] = all;
            }
            if (guide.Reasons is { } reasons)
            {
                var all = new Topic(id, TopicKind.Reasons);
                foreach (var option in reasons.Options)
                    enclosing[new Topic(id, TopicKind.Reason, option.Id)] = all;
            }
        }
        return enclosing;
    }

    /// <summary>Each sub-step's part.</summary>
    public static Dictionary<Topic, Topic> PartsOfSteps(ContentCatalog catalog) =>
        catalog.Languages.Values.SelectMany(p => p.Guides.Values)
            .SelectMany(g => g.Steps.Select(s => (Step: new Topic(g.Id, TopicKind.Step, s.Id), Part: new Topic(g.Id, TopicKind.Part, s.Part.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
            .DistinctBy(x => x.Step)
            .ToDictionary(x => x.Step, x => x.Part);

    private static IEnumerable<TopicDocument> Phrases(Topic topic, IEnumerable<string> phrases) => phrases.Select(p => Phrase(topic, p));

    private static TopicDocument Phrase(Topic topic, string text) => new(topic, text, TopicDocumentKind.Phrase);

    private static TopicDocument Text(Topic topic, string text) => new(topic, text, TopicDocumentKind.Text);
}
