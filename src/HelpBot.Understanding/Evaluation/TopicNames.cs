using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Evaluation;

/// <summary>
/// Short names for topics in evaluation files: <c>overview</c>, <c>consequence:email-reuse</c>, <c>part:2</c>,
/// <c>step:form-phrase</c>, <c>reason:scammed</c>; <c>guide/…</c> names another guide than the default one.
/// </summary>
public static class TopicNames
{
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
        ["out-of-scope"] = TopicKind.OutOfScope,
    };

    public static string Format(Topic topic, string defaultGuide)
    {
        var kind = Kinds.First(k => k.Value == topic.Kind).Key;
        var name = topic.Id is null ? kind : kind + ":" + topic.Id;
        return topic.Guide == defaultGuide ? name : topic.Guide + "/" + name;
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
        if (!Kinds.TryGetValue(kindName, out var kind) || id is "")
            return false;
        topic = new Topic(guide, kind, id);
        return true;
    }

    /// <summary>Every topic the content has (the index's topics), so that a label naming a missing section is caught.</summary>
    public static IEnumerable<Topic> All(ContentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Index.TopicDocuments.From(catalog).Select(d => d.Topic).Distinct();
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
