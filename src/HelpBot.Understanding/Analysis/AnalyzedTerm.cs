namespace HelpBot.Understanding.Analysis;

/// <summary>
/// A term as indexed; <see cref="IsFunction"/> for question words and negation, which rank but do not count towards
/// confidence. <see cref="Surface"/> is the word as written (lower case), for typos that stemming would distort.
/// </summary>
internal readonly record struct AnalyzedTerm(string Text, bool IsFunction, string Surface);
