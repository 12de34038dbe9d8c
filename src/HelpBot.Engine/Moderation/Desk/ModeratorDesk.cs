using HelpBot.Engine.Dialog;

namespace HelpBot.Engine.Moderation.Desk;

/// <summary>
/// The engine's operations for the moderators' console, over the same dependencies as the dialog engine and the same
/// code as the chat commands (<c>/review</c>, <c>/answer</c>). Every operation takes the acting <see cref="Moderator"/>
/// and sees or changes only their community's items; bad input gives an outcome, never an exception.
/// </summary>
public sealed class ModeratorDesk
{
    public ModeratorDesk(DialogDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var book = new ScreenBookSource(dependencies.Content);
        Review = new ReviewDesk(dependencies, book);
        Questions = new QuestionsDesk(dependencies, book);
        Content = new ContentDesk(dependencies);
        SavedAnswers = new SavedAnswersDesk(dependencies);
        Stats = new StatsDesk(dependencies, book);
    }

    /// <summary>The review queue and filing labels, as <c>/review</c>.</summary>
    public ReviewDesk Review { get; }

    /// <summary>Open questions and answering them, as <c>/questions</c>, <c>/answer</c> and the draft's save.</summary>
    public QuestionsDesk Questions { get; }

    /// <summary>The guides' texts: where each is, checking, previewing and saving an edit.</summary>
    public ContentDesk Content { get; }

    /// <summary>The community's saved answers with their figures; editing, translating and deleting them, as <c>/faq</c>.</summary>
    public SavedAnswersDesk SavedAnswers { get; }

    /// <summary>The community's figures a day over a span, <c>/stats</c>'s report, the most frequent unanswered texts, <c>/export</c>'s files.</summary>
    public StatsDesk Stats { get; }
}
