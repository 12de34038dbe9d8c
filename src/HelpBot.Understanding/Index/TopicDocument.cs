using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Index;

/// <summary>One indexed text: a phrase users type (or a title, a form option) or a longer text the guide shows.</summary>
internal sealed record TopicDocument(Topic Topic, string Text, TopicDocumentKind Kind);
