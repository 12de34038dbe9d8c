namespace HelpBot.Engine.Content;

/// <summary>
/// The guides' labelled messages (<c>&lt;lang&gt;/&lt;guide&gt;.examples.tsv</c>), as moderators add to them from the chat.
/// Filing a message also reloads the content, so the reader retrains (in the background) with it.
/// </summary>
public interface ITrainingExamples
{
    /// <param name="label">A label as the examples file writes it: <c>none</c>, <c>overview</c>, <c>step:form-email</c>.</param>
    /// <param name="message">The message as the user typed it.</param>
    ValueTask<ExampleFiling> FileAsync(string language, string guide, string label, string message, CancellationToken cancellationToken);
}

public enum ExampleFilingOutcome
{
    /// <summary>Appended; the content was reloaded.</summary>
    Added,

    /// <summary>The message was already there with this label: nothing written.</summary>
    AlreadyFiled,

    /// <summary>The message was already there with another label (<see cref="ExampleFiling.Detail"/>): nothing written.</summary>
    FiledOtherwise,

    /// <summary>The line would not be valid, or the file could not be written (<see cref="ExampleFiling.Detail"/> says why): nothing written.</summary>
    Refused,
}

/// <summary>What became of a message filed as an example; <see cref="Detail"/> is the other label or the reason for a refusal.</summary>
public sealed record ExampleFiling(ExampleFilingOutcome Outcome, string? Detail = null);
