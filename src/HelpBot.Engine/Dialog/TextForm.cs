namespace HelpBot.Engine.Dialog;

/// <summary>
/// A form in which to type one text, for channels where users cannot just write to the bot (Discord's modals):
/// the question for the moderators, a moderator's answer, a comment after "it didn't help". Its <see cref="Id"/>
/// comes back with the typed text as <see cref="Turn.Form"/>.
/// </summary>
public sealed record TextForm(string Id, string Title, string Label, string? Description, int MaxLength);

/// <summary>A form a reply offers besides its buttons ("Write a comment"); channels without free text show it as a button opening the form.</summary>
public sealed record FormOffer(string FormId, string Label);

/// <summary>What channels without free text (Discord) need to open the engine's forms.</summary>
public interface ITextForms
{
    /// <summary>
    /// The id of the form to open instead of handling the turn, or null: a command without the text it is about
    /// (<c>/ask</c>, a moderator's <c>/answer ID</c>), or a button asking for a text (Ask, a moderator's Answer, an offered form).
    /// </summary>
    string? FormFor(Turn turn);

    /// <summary>Whether <paramref name="formId"/> names a form the engine can take a text for.</summary>
    bool IsForm(string formId);

    /// <summary>The form, in the language the engine answers the turn's user in; null for an unknown id.</summary>
    ValueTask<TextForm?> DescribeAsync(Turn turn, string formId, CancellationToken cancellationToken = default);
}
