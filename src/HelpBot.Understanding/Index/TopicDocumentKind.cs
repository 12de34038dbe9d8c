namespace HelpBot.Understanding.Index;

internal enum TopicDocumentKind
{
    /// <summary>A <c>match:</c> phrase, a title, a form option or its translation: short and on point.</summary>
    Phrase,

    /// <summary>An intro, a step text or advice: long, and it mentions other topics in passing.</summary>
    Text,
}
