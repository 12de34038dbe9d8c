using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;

namespace HelpBot.ModeratorConsole.Pages.Overview;

/// <summary>
/// One community's counts for the overview. <see cref="WaitingReview"/> is null until the engine offers the review
/// queue outside a chat turn (it is built inside <c>/review</c> today).
/// </summary>
public sealed record CommunityFigures(int? WaitingReview, int OpenQuestions, int SavedAnswers)
{
    public static async Task<CommunityFigures> ReadAsync(string community, IModerationStore? moderation, IContentProvider content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var open = moderation is null ? 0
            : (await moderation.ListQuestionsAsync(community, DateTimeOffset.MinValue, cancellationToken)).Count(q => q.Status == QuestionStatus.Open);
        var saved = content.Current.Languages.Values
            .SelectMany(language => language.SavedAnswers)
            .Where(answer => answer.IsFor(community))
            .Select(answer => answer.Id)
            .Distinct(StringComparer.Ordinal)
            .Count();
        return new CommunityFigures(null, open, saved);
    }
}
