using System.Globalization;
using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.Engine.Storage;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>
/// Questions for the moderators: asked with <c>/ask</c>, posted to every moderators' chat of the asker's
/// community, answered from any channel (<c>/answer</c>, the Answer button, or a reply to the post) and delivered
/// to the asker's chat, where the asker rates the answer. The first answer or <c>/close</c> wins. Under an answer, the
/// moderator may save the answer as the bot's own (<see cref="AnswerDrafts"/>) or file the question as a training
/// example (<see cref="Review"/>).
/// </summary>
internal sealed class Questions(IModerationStore? moderation, ModerationOptions options, Review review, AnswerDrafts drafts, QuestionsDesk desk)
{
    private const int MaxListedQuestions = 20;
    private const int MaxAnswerButtons = 5;

    public ValueTask<Reply> AskCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        if (argument.Length > 0)
            return ValueTask.FromResult(SaveQuestion(context, argument));
        context.Change(s => s.Awaiting = Awaiting.Question);
        return ValueTask.FromResult(new Reply(new OutgoingMessage(context.Texts[TextKey.AskPrompt], [context.Guide.MenuRow])));
    }

    /// <summary><c>ask</c>: as <c>/ask</c> without a question.</summary>
    public ValueTask<Reply> AskAction(TurnContext context, ActionId action, CancellationToken cancellationToken) =>
        AskCommand(context, "", cancellationToken);

    public Reply SaveQuestion(TurnContext context, string text)
    {
        var question = new Question
        {
            Id = QuestionIds.Next(),
            UserKey = context.Turn.UserKey,
            Channel = context.Turn.Channel,
            ChatId = context.Turn.ChatId,
            DisplayName = context.Turn.DisplayName,
            Language = context.Language.Code,
            Guide = context.GuideId,
            Step = context.State.Step,
            Text = text,
            Community = context.Turn.Community,
            AskedAt = context.Now,
            Status = QuestionStatus.Open,
        };
        context.Changes.Question = question;
        PostToModerators(context, question);
        ClearAwaiting(context);
        return new Reply(new OutgoingMessage(context.Texts.Format(TextKey.QuestionSaved, ("id", Markup.Code(question.Id))), [context.Guide.MenuRow]));
    }

    /// <summary>Queues the question for every moderators' chat of the asker's community, in the chat's language.</summary>
    private void PostToModerators(TurnContext context, Question question)
    {
        foreach (var chat in options.Chats.Where(c => c.Community == question.Community))
        {
            var language = context.Book.LanguageFor(chat.Language, null);
            var step = question.Step > 0 ? $"{question.Step}/{context.Guide.StepCount}" : "—";
            var text = language.Texts.Format(TextKey.QuestionPost,
                ("id", question.Id),
                ("user", Markup.Escape(question.DisplayName ?? question.UserId)),
                ("channel", question.Channel),
                ("language", question.Language),
                ("step", step),
                ("text", Markup.Escape(question.Text)));
            context.Changes.Outbox.Add(QuestionsDesk.NewOutbox(chat.Channel, chat.ChatId, null, question, OutboxPurpose.QuestionPosted,
                new OutgoingMessage(text, [[new Button(language.Texts[TextKey.ButtonAnswer], AnswerAction(question.Id))]]), context.Now));
        }
    }

    private static string AnswerAction(string questionId) => new ActionId(ActionId.AnswerQuestion, questionId, null).ToString();

    public async ValueTask<Reply> QuestionsCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var all = await moderation!.ListQuestionsAsync(context.Turn.Community, DateTimeOffset.MinValue, cancellationToken);
        var open = all.Where(q => q.Status == QuestionStatus.Open).ToList();
        var pending = (await moderation.PendingOutboxAsync(context.Turn.Community, cancellationToken))
            .Where(o => o.Purpose == OutboxPurpose.AnswerDelivery).ToList();

        var text = new StringBuilder(open.Count == 0
            ? context.Texts[TextKey.NoOpenQuestions]
            : context.Texts.Format(TextKey.OpenQuestions, ("count", open.Count.ToString(CultureInfo.InvariantCulture))));
        foreach (var question in open.Take(MaxListedQuestions))
        {
            text.Append("\n\n").Append(Markup.Bold(question.Id)).Append(" · ").Append(FormatTime(question.AskedAt))
                .Append(" · ").Append(question.Channel).Append(" · ").Append(Markup.Escape(question.DisplayName ?? question.UserId))
                .Append(" (").Append(question.Language).Append(')');
            if (question.Step > 0)
                text.Append(" · ").Append(question.Step.ToString(CultureInfo.InvariantCulture)).Append('/').Append(context.Guide.StepCount.ToString(CultureInfo.InvariantCulture));
            text.Append('\n').Append(Markup.Escape(question.Text));
        }
        if (pending.Count > 0)
        {
            text.Append("\n\n").Append(context.Texts[TextKey.PendingDeliveries]);
            foreach (var delivery in pending)
            {
                text.Append("\n• ").Append(delivery.QuestionId).Append(" → ").Append(delivery.Channel)
                    .Append(" (").Append(delivery.Attempts.ToString(CultureInfo.InvariantCulture)).Append(')');
                if (delivery.LastError is { } error)
                    text.Append(": ").Append(Markup.Escape(error));
            }
        }
        var buttons = open.Take(MaxAnswerButtons)
            .Select(q => (IReadOnlyList<Button>)[new Button(context.Texts[TextKey.ButtonAnswer] + " " + q.Id, AnswerAction(q.Id))])
            .ToList();
        return new Reply(new OutgoingMessage(text.ToString(), buttons));
    }

    public async ValueTask<Reply> AnswerCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var space = argument.IndexOfAny([' ', '\n']);
        if (space <= 0)
            return Say(context, TextKey.AnswerUsage);
        return await AnswerAsync(context, argument[..space].ToUpperInvariant(), argument[(space + 1)..].Trim(), cancellationToken);
    }

    /// <summary>A moderator's reply to a question's post is its answer; a reply to anything else is not (null).</summary>
    public async ValueTask<Reply?> AnswerByReplyAsync(TurnContext context, string repliedTo, string text, CancellationToken cancellationToken)
    {
        if (moderation is null)
            return null;
        var post = await moderation.FindPostAsync(context.Turn.Channel, context.Turn.ChatId, repliedTo, cancellationToken);
        // The post's id is saved once it is sent; until then its Answer button names the question.
        var questionId = post is { Purpose: OutboxPurpose.QuestionPosted }
            ? post.QuestionId
            : context.Turn.ReplyToActions.Select(a => ActionId.TryParse(a, out var action) ? action : default)
                .FirstOrDefault(a => a.Verb == ActionId.AnswerQuestion).Target;
        return questionId is null ? null : await AnswerAsync(context, questionId, text, cancellationToken);
    }

    public async ValueTask<Reply> AnswerAsync(TurnContext context, string questionId, string answer, CancellationToken cancellationToken)
    {
        if (await FindOwnQuestionAsync(context, questionId, cancellationToken) is not { } question)
            return Say(context, TextKey.QuestionNotFound, ("id", Markup.Escape(questionId)));
        if (answer.Length == 0)
            return Say(context, TextKey.AnswerUsage);

        if (await desk.ResolveWithAnswerAsync(context.Book, Moderator.Of(context.Turn), question, answer, context.Now, cancellationToken) is not { } resolved)
            return await AlreadyResolvedAsync(context, question.Id, cancellationToken);
        return drafts.OfferSaving(context, resolved, review.OfferFiling(context, question, Say(context, TextKey.AnswerSent, ("id", question.Id))));
    }

    public async ValueTask<Reply> CloseCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        if (argument.Length == 0)
            return Say(context, TextKey.CloseUsage);
        var id = argument.Split(' ', 2)[0].ToUpperInvariant();
        if (await FindOwnQuestionAsync(context, id, cancellationToken) is not { } question)
            return Say(context, TextKey.QuestionNotFound, ("id", Markup.Escape(id)));
        if (!await moderation!.TryResolveQuestionAsync(QuestionsDesk.Resolve(Moderator.Of(context.Turn), question, QuestionStatus.Closed, context.Now), null, cancellationToken))
            return await AlreadyResolvedAsync(context, id, cancellationToken);
        return Say(context, TextKey.QuestionClosed, ("id", id));
    }

    /// <summary><c>answer:id</c>: the moderator's next text is the answer to that question.</summary>
    public static bool IsAnswerButton(TurnContext context, ActionId action) => action.Target is not null && action.Argument is null;

    public async ValueTask<Reply> AnswerButtonAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (!context.Turn.IsModerator || moderation is null)
            return Say(context, TextKey.ModeratorsOnly);
        var id = action.Target!;
        if (await FindOwnQuestionAsync(context, id, cancellationToken) is not { } question)
            return Say(context, TextKey.QuestionNotFound, ("id", id));
        if (question.Status != QuestionStatus.Open)
            return await AlreadyResolvedAsync(context, id, cancellationToken);
        context.Change(s =>
        {
            s.Awaiting = Awaiting.Answer;
            s.AwaitingQuestion = id;
        });
        return Say(context, TextKey.AnswerPrompt, ("id", id), ("text", Markup.Escape(question.Text)));
    }

    /// <summary><c>rate:id:yes</c> or <c>rate:id:no</c>, under an answer delivered to the asker.</summary>
    public static bool IsRating(TurnContext context, ActionId action) => action.Target is not null && action.Argument is "yes" or "no";

    public async ValueTask<Reply> RateAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (moderation is null || !await moderation.RateAnswerAsync(action.Target!, context.Turn.UserKey, action.Argument == "yes", cancellationToken))
            return Stale(context);
        return new Reply(new OutgoingMessage(context.Texts[TextKey.RatingThanks], [context.Guide.MenuRow]));
    }

    private ValueTask<Question?> FindOwnQuestionAsync(TurnContext context, string id, CancellationToken cancellationToken) =>
        desk.FindOwnAsync(context.Turn.Community, id, cancellationToken);

    private async ValueTask<Reply> AlreadyResolvedAsync(TurnContext context, string id, CancellationToken cancellationToken)
    {
        var current = await moderation!.FindQuestionAsync(id, cancellationToken);
        var by = current?.ResolvedBy is { } who ? $"{Markup.Escape(who)}, {FormatTime(current.ResolvedAt ?? context.Now)}" : "—";
        return Say(context, TextKey.AlreadyResolved, ("id", id), ("by", by));
    }

    private static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
