using HelpBot.Engine.Understanding;

namespace HelpBot.Understanding.Training;

/// <summary>
/// One message the reader learns from: its section (null: off-topic), the language it is written in, how it is
/// written (<see cref="Kind"/>: paraphrase, situation, option, typo, layout, translit, offtopic, smalltalk, or
/// <see cref="PhraseKind"/> for the content's own phrases) and where it comes from (<c>file:line</c>).
/// </summary>
public sealed record TrainingExample(Topic? Label, string Language, string Kind, string Text, string Source)
{
    /// <summary>The kind of the content's own texts: match phrases, titles, the form's options and their translations.</summary>
    public const string PhraseKind = "phrase";

    /// <summary>The set of an examples file the message was written in (its group's name), "" for the content's own texts.</summary>
    public string Set { get; init; } = "";

    /// <summary>Whether this is a user's message (an example file's line), not one of the content's own texts.</summary>
    public bool IsMessage => Kind != PhraseKind;
}
