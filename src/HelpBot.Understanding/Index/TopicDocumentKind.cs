namespace HelpBot.Understanding.Index;

internal enum TopicDocumentKind
{
    /// <summary>A <c>match:</c> phrase, a title or an option's translation: short and on point.</summary>
    Phrase,

    /// <summary>A form option as the form shows it: a phrase that users also paste verbatim.</summary>
    FormOption,

    /// <summary>An intro, a step text or advice: long, and it mentions other topics in passing.</summary>
    Text,
}
