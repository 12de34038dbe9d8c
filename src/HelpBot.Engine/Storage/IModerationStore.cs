namespace HelpBot.Engine.Storage;

/// <summary>What moderators need beyond a conversation: questions, statistics, exports and what waits in the outbox.</summary>
public interface IModerationStore
{
    ValueTask<Question?> FindQuestionAsync(string id, CancellationToken cancellationToken);

    /// <summary>Questions of a community asked since <paramref name="since"/>, oldest first.</summary>
    ValueTask<IReadOnlyList<Question>> ListQuestionsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Questions still waiting for a moderator, in every community (for the <c>helpbot.questions.open</c> gauge).</summary>
    ValueTask<int> CountOpenQuestionsAsync(CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<Feedback>> ListFeedbackAsync(string community, DateTimeOffset since, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<DialogEvent>> ListEventsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// A community's events of <paramref name="kinds"/> since <paramref name="since"/>, oldest first: the review queue's
    /// texts without reading every step every user reached (an index on the kind, not a scan of all events).
    /// </summary>
    ValueTask<IReadOnlyList<DialogEvent>> ListEventsAsync(string community, IReadOnlyCollection<DialogEventKind> kinds, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>A community's questions still waiting for a moderator, oldest first (through an index on the status).</summary>
    ValueTask<IReadOnlyList<Question>> ListOpenQuestionsAsync(string community, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="max"/> events of one user, oldest first (a question's context for moderators).</summary>
    ValueTask<IReadOnlyList<DialogEvent>> ListUserEventsAsync(string userKey, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Answers or closes an open question and queues <paramref name="delivery"/>, atomically;
    /// false when it was no longer open (another moderator was first).
    /// </summary>
    ValueTask<bool> TryResolveQuestionAsync(Question resolved, OutboxMessage? delivery, CancellationToken cancellationToken);

    ValueTask<bool> RateAnswerAsync(string questionId, string userKey, bool helpful, CancellationToken cancellationToken);

    /// <summary>A community's pending outbox messages (neither sent nor expired), oldest first.</summary>
    ValueTask<IReadOnlyList<OutboxMessage>> PendingOutboxAsync(string community, CancellationToken cancellationToken);

    /// <summary>The outbox message that became channel message <paramref name="channelMessageId"/> in that chat.</summary>
    ValueTask<OutboxMessage?> FindPostAsync(string channel, string chatId, string channelMessageId, CancellationToken cancellationToken);
}
