namespace HelpBot.Understanding.Index;

/// <summary>A term's BM25 score in one indexed text (already weighted by the text's kind).</summary>
internal readonly record struct Impact(int Document, float Score);
