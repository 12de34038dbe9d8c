namespace HelpBot.Engine.Moderation;

/// <summary>One CSV row of <c>feedback.csv</c>.</summary>
public sealed record FeedbackRow(string User, string Guide, bool Helpful, string? Comment, string Language, DateTimeOffset At);

/// <summary>One CSV row of <c>questions.csv</c>.</summary>
public sealed record QuestionRow(string Id, string User, string? Name, string Language, int Step, string Question, DateTimeOffset AskedAt, string Status, string? Answer, string? ResolvedBy, DateTimeOffset? ResolvedAt, bool? AnswerHelpful);

/// <summary>One CSV row of <c>unmatched.csv</c>: <paramref name="AnsweredWith"/> is the section a text was answered with before the user said it was not what they asked.</summary>
public sealed record UnmatchedRow(string User, string Text, string? AnsweredWith, string Language, DateTimeOffset At);
