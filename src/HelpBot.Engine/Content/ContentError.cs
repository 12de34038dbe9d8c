namespace HelpBot.Engine.Content;

/// <summary>One problem in a content file, in the <c>file:line:column: message</c> form editors and CI understand.</summary>
public sealed record ContentError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Content that failed validation; nothing of it is used.</summary>
public sealed class ContentValidationException(IReadOnlyList<ContentError> errors)
    : Exception(FormatMessage(errors))
{
    public IReadOnlyList<ContentError> Errors { get; } = errors;

    private static string FormatMessage(IReadOnlyList<ContentError> errors) =>
        $"Content is invalid ({errors.Count} error(s)):{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
