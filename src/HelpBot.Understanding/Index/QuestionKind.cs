namespace HelpBot.Understanding.Index;

/// <summary>
/// What a question word asks for, where a section must say it to answer: what comes of something ("что будет",
/// "what happens", "после") or where something is ("где", "куда", "where").
/// </summary>
[Flags]
public enum QuestionKind
{
    None = 0,
    Outcome = 1,
    Place = 2,
}
