namespace HelpBot.Engine.Storage;

/// <summary>Where the engine keeps conversations. Implementations commit a turn's changes atomically.</summary>
public interface IConversationStore
{
    ValueTask<UserState?> FindUserAsync(string userKey, CancellationToken cancellationToken);

    ValueTask<Feedback?> FindFeedbackAsync(string userKey, string guide, CancellationToken cancellationToken);

    /// <summary>Whether a turn with this <see cref="Dialog.Turn.DeliveryId"/> was already committed.</summary>
    ValueTask<bool> WasHandledAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Writes all of <paramref name="changes"/> or nothing.</summary>
    ValueTask CommitAsync(TurnChanges changes, CancellationToken cancellationToken);

    /// <summary>Deletes the user's state, feedback, questions and events; returns how many records went.</summary>
    ValueTask<int> ForgetUserAsync(string userKey, CancellationToken cancellationToken);
}
