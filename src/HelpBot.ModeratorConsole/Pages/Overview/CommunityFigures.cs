using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.Engine.Storage;

namespace HelpBot.ModeratorConsole.Pages.Overview;

/// <summary>
/// One community's counts for the overview. <see cref="WaitingReview"/> is null when this bot cannot file labels
/// (no review store or examples files).
/// </summary>
public sealed record CommunityFigures(int? WaitingReview, int OpenQuestions, int SavedAnswers)
{
    public static async Task<CommunityFigures> ReadAsync(Moderator moderator, ReviewDesk review, IModerationStore? moderation, IContentProvider content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(content);
        var community = moderator.Community;
        // take 0: the queue's total without reading any item for its guesses.
        int? waiting = review.CanTeach ? (await review.ListAsync(moderator, 0, 0, null, cancellationToken)).Total : null;
        var open = moderation is null ? 0
            : (await moderation.ListQuestionsAsync(community, DateTimeOffset.MinValue, cancellationToken)).Count(q => q.Status == QuestionStatus.Open);
        var saved = content.Current.Languages.Values
            .SelectMany(language => language.SavedAnswers)
            .Where(answer => answer.IsFor(community))
            .Select(answer => answer.Id)
            .Distinct(StringComparer.Ordinal)
            .Count();
        return new CommunityFigures(waiting, open, saved);
    }
}
