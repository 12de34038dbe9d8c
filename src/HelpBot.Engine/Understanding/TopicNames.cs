using System.Globalization;
using HelpBot.Engine.Content;

namespace HelpBot.Engine.Understanding;

/// <summary>
/// Short names for topics in training and evaluation files: <c>overview</c>, <c>consequence:email-reuse</c>,
/// <c>part:2</c>, <c>step:form-phrase</c>, <c>reason:scammed</c>; <c>guide/…</c> names another guide than the default
/// one; <c>smalltalk:greeting</c> names a small-talk intent and <c>answer:q7k2mx</c> a saved answer, which belong to no guide.
/// </summary>
public static class TopicNames
{
    /// <summary>The label of a message that is about nothing the bot covers.</summary>
    public const string OffTopic = "none";

    private static readonly Dictionary<string, TopicKind> Kinds = new(StringComparer.Ordinal)
    {
        ["overview"] = TopicKind.Overview,
        ["consequences"] = TopicKind.Consequences,
        ["consequence"] = TopicKind.Consequence,
        ["refunds"] = TopicKind.Refunds,
        ["part"] = TopicKind.Part,
        ["step"] = TopicKind.Step,
        ["done"] = TopicKind.Done,
        ["reasons"] = TopicKind.Reasons,
        ["reason"] = TopicKind.Reason,
        ["smalltalk"] = TopicKind.SmallTalk,
        ["answer"] = TopicKind.Saved,
    };

    public static string Format(Topic topic, string defaultGuide)
    {
        var kind = Kinds.First(k => k.Value == topic.Kind).Key;
        var name = topic.Id is null ? kind : kind + ":" + topic.Id;
        return topic.Guide == defaultGuide || !topic.IsSection ? name : topic.Guide + "/" + name;
    }

    public static bool TryParse(string name, string defaultGuide, out Topic topic)
    {
        ArgumentNullException.ThrowIfNull(name);
        topic = default;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var guide = slash < 0 ? defaultGuide : name[..slash];
        var rest = slash < 0 ? name : name[(slash + 1)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var kindName = colon < 0 ? rest : rest[..colon];
        var id = colon < 0 ? null : rest[(colon + 1)..];
        if (!Kinds.TryGetValue(kindName, out var kind) || id is "" || HasId(kind) != id is not null)
            return false;
        topic = kind switch
        {
            TopicKind.SmallTalk => Topic.SmallTalk(id!),
            TopicKind.Saved => Topic.Saved(id!),
            _ => new Topic(guide, kind, id),
        };
        return true;
    }

    private static bool HasId(TopicKind kind) => kind is TopicKind.Consequence or TopicKind.Part or TopicKind.Step or TopicKind.Reason or TopicKind.SmallTalk or TopicKind.Saved;

    /// <summary>Every section a guide has, so that a label naming a missing one is caught.</summary>
    public static IEnumerable<Topic> All(Guide guide)
    {
        ArgumentNullException.ThrowIfNull(guide);
        var id = guide.Id;
        yield return new Topic(id, TopicKind.Overview);
        if (guide.Consequences is { } consequences)
        {
            yield return new Topic(id, TopicKind.Consequences);
            foreach (var item in consequences.Items)
                yield return new Topic(id, TopicKind.Consequence, item.Id);
            yield return new Topic(id, TopicKind.Refunds);
        }
        foreach (var part in guide.Parts)
            yield return new Topic(id, TopicKind.Part, part.Number.ToString(CultureInfo.InvariantCulture));
        foreach (var step in guide.Steps)
            yield return new Topic(id, TopicKind.Step, step.Id);
        yield return new Topic(id, TopicKind.Done);
        if (guide.Reasons is { } reasons)
        {
            yield return new Topic(id, TopicKind.Reasons);
            foreach (var option in reasons.Options)
                yield return new Topic(id, TopicKind.Reason, option.Id);
        }
    }

    /// <summary>
    /// The topic whose answer the user actually sees: a part opens the walkthrough at its first sub-step,
    /// so "part:2" and "step:form-email" are the same answer.
    /// </summary>
    public static Topic Answer(Topic topic, ContentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (topic.Kind == TopicKind.Part
            && GuideOf(topic, catalog) is { } guide
            && guide.Steps.FirstOrDefault(s => s.Part.ToString(CultureInfo.InvariantCulture) == topic.Id) is { } first)
        {
            return new Topic(topic.Guide, TopicKind.Step, first.Id);
        }
        return topic;
    }

    /// <summary>A topic's guide in the default language (every language has the same steps and ids), or null.</summary>
    public static Guide? GuideOf(Topic topic, ContentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Languages[catalog.DefaultLanguage].Guides.GetValueOrDefault(topic.Guide);
    }
}
