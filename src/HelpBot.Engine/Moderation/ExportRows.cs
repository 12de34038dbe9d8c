namespace HelpBot.Engine.Moderation;

/// <summary>One CSV row of <c>feedback.csv</c>.</summary>
public sealed record FeedbackRow(string User, string Guide, bool Helpful, string? Comment, string Language, DateTimeOffset At);

/// <summary>One CSV row of <c>questions.csv</c>.</summary>
public sealed record QuestionRow(string Id, string User, string? Name, string Language, int Step, string Question, DateTimeOffset AskedAt, string Status, string? Answer, string? ResolvedBy, DateTimeOffset? ResolvedAt, bool? AnswerHelpful);

/// <summary>One CSV row of <c>unmatched.csv</c>.</summary>
public sealed record UnmatchedRow(string User, string Text, string Language, DateTimeOffset At);
