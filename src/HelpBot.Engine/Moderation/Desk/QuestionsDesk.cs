using HelpBot.Engine.Content;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Moderation.Desk;

/// <summary>
/// What the store keeps of the asker's recent activity: their dialog events (steps reached, texts the bot missed or was
/// unsure of, saved answers served, …). The bot keeps no transcript of turns, so texts appear only for the kinds that
/// store one (<see cref="DialogEventKind.Unmatched"/>, <see cref="DialogEventKind.Unsure"/>, <see cref="DialogEventKind.Chosen"/>).
/// </summary>
public sealed record UserActivity(DateTimeOffset At, DialogEventKind Kind, string? Text, string? Topic, string Guide, int Step, string Language);

/// <summary>An open question of the moderator's community, with the asker's recent activity, oldest first.</summary>
public sealed record OpenQuestion(
    string Id, string Text, string Language, string Channel, string UserId, string? DisplayName, int Step, DateTimeOffset AskedAt,
    IReadOnlyList<UserActivity> RecentActivity);

/// <summary>A page of open questions, oldest first; <see cref="Total"/> counts them all.</summary>
public sealed record OpenQuestionsPage(IReadOnlyList<OpenQuestion> Items, int Total);

public enum AnswerOutcome
{
    /// <summary>Resolved and the answer queued for the asker's channel (as <c>/answer</c> does).</summary>
    Sent,

    /// <summary>Another moderator answered or closed it first (<see cref="AnswerResult.ResolvedBy"/>, <see cref="AnswerResult.ResolvedAt"/>).</summary>
    AlreadyResolved,

    /// <summary>No question of the moderator's community has this id.</summary>
    UnknownQuestion,

    /// <summary>The answer is empty once cleaned as a chat message is.</summary>
    EmptyAnswer,

    /// <summary>The answer is longer than a chat message may be (<c>Dialog:MaxTextLength</c>); nothing sent.</summary>
    TooLong,

    /// <summary>The saved answer's title or question is not acceptable (<see cref="AnswerResult.Detail"/>); nothing sent.</summary>
    InvalidDraft,

    /// <summary>This bot has no moderation store, or cannot save answers (for the save variant).</summary>
    Unavailable,
}

/// <param name="Saved">For <see cref="QuestionsDesk.AnswerAndSaveAsync"/>: what became of the saved answer (it may be refused after the answer was sent).</param>
public sealed record AnswerResult(AnswerOutcome Outcome, string? ResolvedBy = null, DateTimeOffset? ResolvedAt = null, SavedAnswerChange? Saved = null, string? Detail = null);

/// <summary>
/// Moderators' questions from the console: the open ones with the asker's recent activity, and answering one, which
/// resolves it and queues the answer to the asker's chat through the outbox in one step, exactly as <c>/answer</c> does
/// (the chat's <c>/answer</c>, reply and Answer button call <see cref="ResolveWithAnswerAsync"/> too); the first answer wins.
/// </summary>
public sealed class QuestionsDesk
{
    /// <summary>Most questions a page, and most events of the asker's activity a question.</summary>
    public const int MaxPageSize = 100;
    public const int MaxActivity = 50;

    private readonly IModerationStore? _moderation;
    private readonly ISavedAnswers? _savedAnswers;
    private readonly OutboxFeed? _outbox;
    private readonly DialogOptions _options;
    private readonly TimeProvider _time;
    private readonly ScreenBookSource _book;

    internal QuestionsDesk(DialogDependencies dependencies, ScreenBookSource book)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        _moderation = dependencies.Moderation;
        _savedAnswers = dependencies.SavedAnswers;
        _outbox = dependencies.Outbox;
        _options = dependencies.Options;
        _time = dependencies.Time;
        _book = book;
    }

    /// <summary>A page of the community's open questions, each with the asker's latest <paramref name="activity"/> events.</summary>
    public async ValueTask<OpenQuestionsPage> ListAsync(Moderator moderator, int skip, int take, int activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (_moderation is null)
            return new OpenQuestionsPage([], 0);
        var open = await _moderation.ListOpenQuestionsAsync(moderator.Community, cancellationToken);
        var page = new List<OpenQuestion>();
        foreach (var question in open.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 0, MaxPageSize)))
        {
            var events = activity <= 0 ? [] : await _moderation.ListUserEventsAsync(question.UserKey, Math.Min(activity, MaxActivity), cancellationToken);
            page.Add(new OpenQuestion(question.Id, question.Text, question.Language, question.Channel, question.UserId, question.DisplayName, question.Step, question.AskedAt,
                // Another community's events of the same user (one user may be in several) are not this moderator's to see.
                events.Where(e => e.Community == moderator.Community)
                    .Select(e => new UserActivity(e.At, e.Kind, e.Text, e.Topic, e.Guide, e.Step, e.Language)).ToList()));
        }
        return new OpenQuestionsPage(page, open.Count);
    }

    /// <summary>Answers question <paramref name="questionId"/> as <c>/answer</c> does: resolved and the answer queued to the asker.</summary>
    public async ValueTask<AnswerResult> AnswerAsync(Moderator moderator, string questionId, string answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (_moderation is null)
            return new AnswerResult(AnswerOutcome.Unavailable);
        var checkedAnswer = await CheckAsync(moderator, questionId, answer, cancellationToken);
        if (checkedAnswer.Refusal is { } refusal)
            return refusal;
        return await SendAsync(moderator, checkedAnswer.Question!, checkedAnswer.Text!, cancellationToken);
    }

    /// <summary>
    /// Answers as <see cref="AnswerAsync"/> and saves the answer as the bot's own, as the chat's draft does:
    /// <paramref name="title"/> and <paramref name="example"/> (the question without personal details) default to the
    /// question on one line. The title and question are checked before anything is sent.
    /// </summary>
    public async ValueTask<AnswerResult> AnswerAndSaveAsync(Moderator moderator, string questionId, string answer, string? title, string? example, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        if (_moderation is null || _savedAnswers is null)
            return new AnswerResult(AnswerOutcome.Unavailable);
        var checkedAnswer = await CheckAsync(moderator, questionId, answer, cancellationToken);
        if (checkedAnswer.Refusal is { } refusal)
            return refusal;
        var question = checkedAnswer.Question!;
        var book = _book.Current;
        var draftExample = BotAnswers.OneLine(string.IsNullOrWhiteSpace(example) ? question.Text : example);
        var draftTitle = string.IsNullOrWhiteSpace(title) ? SavedAnswerTitle.From(draftExample) : SavedAnswerTitle.From(BotAnswers.OneLine(title));
        if (BotAnswers.DraftProblem(book, question, title is null ? null : BotAnswers.OneLine(title), draftTitle, draftExample) is { } problem)
            return new AnswerResult(AnswerOutcome.InvalidDraft, Detail: problem);
        var sent = await SendAsync(moderator, question, checkedAnswer.Text!, cancellationToken);
        if (sent.Outcome != AnswerOutcome.Sent)
            return sent;
        var resolved = question.Clone();
        resolved.Answer = checkedAnswer.Text;
        return sent with { Saved = await BotAnswers.SaveAsync(_savedAnswers, resolved, draftTitle, draftExample, cancellationToken) };
    }

    private sealed record Checked(Question? Question, string? Text, AnswerResult? Refusal);

    /// <summary>The question and the answer as a chat message would be cleaned, or why not (a result with its refusal).</summary>
    private async ValueTask<Checked> CheckAsync(Moderator moderator, string questionId, string answer, CancellationToken cancellationToken)
    {
        var id = (questionId ?? "").Trim().ToUpperInvariant();
        if (id.Length is 0 or > 16 || await FindOwnAsync(moderator.Community, id, cancellationToken) is not { } question)
            return new Checked(null, null, new AnswerResult(AnswerOutcome.UnknownQuestion));
        var text = TextCleaner.Clean(answer ?? "").Trim();
        if (text.Length == 0)
            return new Checked(null, null, new AnswerResult(AnswerOutcome.EmptyAnswer));
        if (text.Length > _options.MaxTextLength)
            return new Checked(null, null, new AnswerResult(AnswerOutcome.TooLong, Detail: $"{text.Length} > {_options.MaxTextLength}"));
        if (question.Status != QuestionStatus.Open)
            return new Checked(null, null, new AnswerResult(AnswerOutcome.AlreadyResolved, question.ResolvedBy, question.ResolvedAt));
        return new Checked(question, text, null);
    }

    private async ValueTask<AnswerResult> SendAsync(Moderator moderator, Question question, string text, CancellationToken cancellationToken)
    {
        if (await ResolveWithAnswerAsync(_book.Current, moderator, question, text, _time.GetUtcNow(), cancellationToken) is not null)
            return new AnswerResult(AnswerOutcome.Sent);
        var current = await _moderation!.FindQuestionAsync(question.Id, cancellationToken);
        return new AnswerResult(AnswerOutcome.AlreadyResolved, current?.ResolvedBy, current?.ResolvedAt);
    }

    /// <summary>The moderator's community's question with this id, or null.</summary>
    internal async ValueTask<Question?> FindOwnAsync(string community, string id, CancellationToken cancellationToken) =>
        await _moderation!.FindQuestionAsync(id, cancellationToken) is { } question && question.Community == community ? question : null;

    /// <summary>
    /// Resolves <paramref name="question"/> with <paramref name="answer"/> and queues the answer, with 👍/👎, for the
    /// asker's chat in their language, atomically; hands it to the delivery loop. Null when it was no longer open.
    /// </summary>
    internal async ValueTask<Question?> ResolveWithAnswerAsync(ScreenBook book, Moderator moderator, Question question, string answer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resolved = Resolve(moderator, question, QuestionStatus.Answered, now);
        resolved.Answer = answer;
        var language = book.LanguageFor(question.Language, null);
        var delivery = new OutgoingMessage(
            language.Texts.Format(TextKey.AnswerForUser, ("question", Markup.Escape(Shorten(question.Text))), ("answer", Markup.Escape(answer))),
            [[
                new Button(language.Texts[TextKey.ButtonHelpful], new ActionId(ActionId.RateAnswer, question.Id, "yes").ToString()),
                new Button(language.Texts[TextKey.ButtonNotHelpful], new ActionId(ActionId.RateAnswer, question.Id, "no").ToString()),
            ]]);
        var outbox = NewOutbox(question.Channel, question.ChatId, question.UserId, question, OutboxPurpose.AnswerDelivery, delivery, now);
        if (!await _moderation!.TryResolveQuestionAsync(resolved, outbox, cancellationToken))
            return null;
        _outbox?.Committed([outbox]);
        return resolved;
    }

    internal static Question Resolve(Moderator moderator, Question question, QuestionStatus status, DateTimeOffset now)
    {
        var resolved = question.Clone();
        resolved.Status = status;
        resolved.ResolvedBy = moderator.By;
        resolved.ResolvedAt = now;
        return resolved;
    }

    internal static OutboxMessage NewOutbox(string channel, string chatId, string? recipient, Question question, OutboxPurpose purpose, OutgoingMessage message, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Channel = channel,
        ChatId = chatId,
        RecipientUserId = recipient,
        UserKey = question.UserKey,
        Community = question.Community,
        Purpose = purpose,
        QuestionId = question.Id,
        Text = message.Text,
        Buttons = OutboxMessage.ButtonsOf(message),
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>A user's text quoted in another message, cut at 200 characters.</summary>
    private static string Shorten(string text) => DialogBasics.Shorten(text);
}
