namespace HelpBot.Understanding.Index;

/// <summary>An indexed term a message word may stand for; <see cref="Weight"/> is 1 for the word itself, less for a typo or a prefix.</summary>
internal readonly record struct TermCandidate(string Term, float Weight);
