namespace HelpBot.Engine.Storage;

/// <summary>
/// The moderators' decisions on the review queue. The queue itself is the community's events (texts the bot could not
/// answer, answered unsure, or that a user disputed or chose a section for) without a decision newer than them.
/// </summary>
public interface IReviewStore
{
    /// <summary>Decisions of a community made since <paramref name="since"/>, oldest first.</summary>
    ValueTask<IReadOnlyList<ReviewDecision>> ListReviewDecisionsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Stores a decision, replacing an earlier one on the same text.</summary>
    ValueTask SaveReviewDecisionAsync(ReviewDecision decision, CancellationToken cancellationToken);
}
