namespace HelpBot.Engine.Content;

/// <summary>
/// The saved answers of the content (<c>&lt;lang&gt;/answers.yaml</c>), as moderators change them from the chat. A change
/// is applied to the answer as the file has it at that moment, under the file's lock, so two moderators saving at once,
/// or a save racing an edit of the file, each see the other's result; a change that leaves the file valid is written
/// atomically and the content reloaded (the reader retrains in the background).
/// </summary>
public interface ISavedAnswers
{
    /// <param name="language">The language whose <c>answers.yaml</c> changes.</param>
    /// <param name="id">The answer's id (<see cref="SavedAnswersFile.IsId"/>).</param>
    /// <param name="change">
    /// Given the answer as the file has it now (null: there is none with that id), the answer it is to be (null: none,
    /// the answer is deleted in this language). Returning its argument unchanged writes nothing.
    /// </param>
    ValueTask<SavedAnswerChange> ChangeAsync(string language, string id, Func<SavedAnswer?, SavedAnswer?> change, CancellationToken cancellationToken);
}

public enum SavedAnswerOutcome
{
    /// <summary>Written; the content was reloaded.</summary>
    Changed,

    /// <summary>The change returned the answer as it was: nothing written.</summary>
    Unchanged,

    /// <summary>The file would not be valid, or could not be written (<see cref="SavedAnswerChange.Detail"/> says why): nothing written.</summary>
    Refused,
}

/// <summary>What became of a change; <see cref="Answer"/> is the answer as the file has it afterwards (null: none).</summary>
public sealed record SavedAnswerChange(SavedAnswerOutcome Outcome, SavedAnswer? Answer, string? Detail = null);
