using System.Globalization;
using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Dialog;

/// <summary>
/// The moderators' side: questions posted to their chats, answered from any channel and delivered to the
/// asker's; statistics, exports, reload and forgetting a user. Every command checks the turn's moderator flag.
/// </summary>
public sealed partial class DialogEngine
{
    private const int MaxListedQuestions = 20;
    private const int MaxAnswerButtons = 5;

    private void RegisterModeration()
    {
        _commands["questions"] = ModeratorOnly(QuestionsCommand);
        _commands["answer"] = ModeratorOnly(AnswerCommand);
        _commands["close"] = ModeratorOnly(CloseCommand);
        _commands["stats"] = ModeratorOnly(StatsCommand);
        _commands["export"] = ModeratorOnly(ExportCommand);
        _commands["reload"] = ModeratorOnly(ReloadCommand);
        _commands["forget_user"] = ModeratorOnly(ForgetUserCommand);
        _actions[ActionId.AnswerQuestion] = AnswerButtonAction;
        _actions[ActionId.RateAnswer] = RateAction;
    }

    private CommandHandler ModeratorOnly(CommandHandler handler) => (context, argument, cancellationToken) =>
    {
        ClearAwaiting(context);
        return context.Turn.IsModerator && _moderation is not null
            ? handler(context, argument, cancellationToken)
            : ValueTask.FromResult(Say(context, TextKey.ModeratorsOnly));
    };

    /// <summary>Queues the question for every moderators' chat of the asker's community, in the chat's language.</summary>
    private void PostToModerators(TurnContext context, Question question)
    {
        foreach (var chat in _moderationOptions.Chats.Where(c => c.Community == question.Community))
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
            context.Changes.Outbox.Add(NewOutbox(context, chat.Channel, chat.ChatId, null, question, OutboxPurpose.QuestionPosted,
                new OutgoingMessage(text, [[new Button(language.Texts[TextKey.ButtonAnswer], AnswerAction(question.Id))]])));
        }
    }

    private static OutboxMessage NewOutbox(TurnContext context, string channel, string chatId, string? recipient, Question question, OutboxPurpose purpose, OutgoingMessage message) => new()
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
        CreatedAt = context.Now,
        NextAttemptAt = context.Now,
    };

    private static string AnswerAction(string questionId) => new ActionId(ActionId.AnswerQuestion, questionId, null).ToString();

    private async ValueTask<Reply> QuestionsCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var all = await _moderation!.ListQuestionsAsync(context.Turn.Community, DateTimeOffset.MinValue, cancellationToken);
        var open = all.Where(q => q.Status == QuestionStatus.Open).ToList();
        var pending = (await _moderation.PendingOutboxAsync(context.Turn.Community, cancellationToken))
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

    private async ValueTask<Reply> AnswerCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var space = argument.IndexOfAny([' ', '\n']);
        if (space <= 0)
            return Say(context, TextKey.AnswerUsage);
        return await AnswerAsync(context, argument[..space].ToUpperInvariant(), argument[(space + 1)..].Trim(), cancellationToken);
    }

    private async ValueTask<Reply?> AnswerByReplyAsync(TurnContext context, string repliedTo, string text, CancellationToken cancellationToken)
    {
        if (_moderation is null)
            return null;
        var post = await _moderation.FindPostAsync(context.Turn.Channel, context.Turn.ChatId, repliedTo, cancellationToken);
        var questionId = post is { Purpose: OutboxPurpose.QuestionPosted }
            ? post.QuestionId
            : context.Turn.ReplyToActions.Select(a => ActionId.TryParse(a, out var action) ? action : default)
                .FirstOrDefault(a => a.Verb == ActionId.AnswerQuestion).Target;
        return questionId is null ? null : await AnswerAsync(context, questionId, text, cancellationToken);
    }

    private async ValueTask<Reply> AnswerAsync(TurnContext context, string questionId, string answer, CancellationToken cancellationToken)
    {
        if (await FindOwnQuestionAsync(context, questionId, cancellationToken) is not { } question)
            return Say(context, TextKey.QuestionNotFound, ("id", Markup.Escape(questionId)));
        if (answer.Length == 0)
            return Say(context, TextKey.AnswerUsage);

        var resolved = Resolve(context, question, QuestionStatus.Answered);
        resolved.Answer = answer;
        var language = context.Book.LanguageFor(question.Language, null);
        var delivery = new OutgoingMessage(
            language.Texts.Format(TextKey.AnswerForUser, ("question", Markup.Escape(Shorten(question.Text))), ("answer", Markup.Escape(answer))),
            [[
                new Button(language.Texts[TextKey.ButtonHelpful], new ActionId(ActionId.RateAnswer, question.Id, "yes").ToString()),
                new Button(language.Texts[TextKey.ButtonNotHelpful], new ActionId(ActionId.RateAnswer, question.Id, "no").ToString()),
            ]]);
        var outbox = NewOutbox(context, question.Channel, question.ChatId, question.UserId, question, OutboxPurpose.AnswerDelivery, delivery);
        if (!await _moderation!.TryResolveQuestionAsync(resolved, outbox, cancellationToken))
            return await AlreadyResolvedAsync(context, question.Id, cancellationToken);
        return Say(context, TextKey.AnswerSent, ("id", question.Id));
    }

    private async ValueTask<Reply> CloseCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        if (argument.Length == 0)
            return Say(context, TextKey.CloseUsage);
        var id = argument.Split(' ', 2)[0].ToUpperInvariant();
        if (await FindOwnQuestionAsync(context, id, cancellationToken) is not { } question)
            return Say(context, TextKey.QuestionNotFound, ("id", Markup.Escape(id)));
        if (!await _moderation!.TryResolveQuestionAsync(Resolve(context, question, QuestionStatus.Closed), null, cancellationToken))
            return await AlreadyResolvedAsync(context, id, cancellationToken);
        return Say(context, TextKey.QuestionClosed, ("id", id));
    }

    private async ValueTask<Reply> AnswerButtonAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (!context.Turn.IsModerator || _moderation is null)
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

    private async ValueTask<Reply> RateAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (_moderation is null || !await _moderation.RateAnswerAsync(action.Target!, context.Turn.UserKey, action.Argument == "yes", cancellationToken))
            return Stale(context);
        return new Reply(new OutgoingMessage(context.Texts[TextKey.RatingThanks], [context.Guide.MenuRow]));
    }

    private async ValueTask<Reply> StatsCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var days = 30;
        if (argument.Length > 0 && (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > 3650))
            return Say(context, TextKey.StatsUsage);
        var since = context.Now.AddDays(-days);
        var community = context.Turn.Community;
        var report = StatsReport.Compute(days, context.Guide.StepCount,
            await _moderation!.ListEventsAsync(community, since, cancellationToken),
            await _moderation.ListFeedbackAsync(community, since, cancellationToken),
            await _moderation.ListQuestionsAsync(community, since, cancellationToken));

        var texts = context.Texts;
        var none = texts[TextKey.StatsNone];
        var text = new StringBuilder()
            .AppendLine(texts.Format(TextKey.StatsTitle, ("days", days.ToString(CultureInfo.InvariantCulture))))
            .AppendLine(texts.Format(TextKey.StatsUsers, ("count", report.Users.ToString(CultureInfo.InvariantCulture))))
            .AppendLine(texts.Format(TextKey.StatsHelpful,
                ("yes", report.HelpfulYes.ToString(CultureInfo.InvariantCulture)),
                ("no", report.HelpfulNo.ToString(CultureInfo.InvariantCulture)),
                ("rate", report.HelpfulRate is { } rate ? Percent(rate) : none)))
            .AppendLine(texts.Format(TextKey.StatsQuestions,
                ("asked", report.QuestionsAsked.ToString(CultureInfo.InvariantCulture)),
                ("answered", report.QuestionsAnswered.ToString(CultureInfo.InvariantCulture)),
                ("median", report.MedianTimeToAnswer is { } median ? FormatDuration(median) : none)))
            .Append(texts[TextKey.StatsFunnel]);
        for (var step = 0; step < report.Funnel.Count; step++)
            text.Append(CultureInfo.InvariantCulture, $" {step + 1}/{report.Funnel.Count}: {report.Funnel[step]};");
        text.AppendLine().Append(texts[TextKey.StatsUnmatched]);
        if (report.TopUnmatched.Count == 0)
            text.Append(' ').Append(none);
        foreach (var (unmatched, count) in report.TopUnmatched)
            text.Append("\n• ").Append(Markup.Escape(Shorten(unmatched))).Append(" × ").Append(count.ToString(CultureInfo.InvariantCulture));

        var message = new OutgoingMessage(text.ToString());
        if (_reports is not null)
            message = message with { Attachments = [_reports.StatsChart(report, texts[TextKey.ChartTitle], texts[TextKey.StatsFunnel], texts[TextKey.ButtonHelpful])] };
        return new Reply(message);
    }

    private async ValueTask<Reply> ExportCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        if (_reports is null)
            return NoSection(context);
        var community = context.Turn.Community;
        var feedback = await _moderation!.ListFeedbackAsync(community, DateTimeOffset.MinValue, cancellationToken);
        var questions = await _moderation.ListQuestionsAsync(community, DateTimeOffset.MinValue, cancellationToken);
        var events = await _moderation.ListEventsAsync(community, DateTimeOffset.MinValue, cancellationToken);
        return new Reply(new OutgoingMessage(context.Texts[TextKey.ExportDone])
        {
            Attachments =
            [
                _reports.Csv("feedback.csv", feedback.Select(f => new FeedbackRow(f.UserKey, f.Guide, f.Helpful, f.Comment, f.Language, f.At))),
                _reports.Csv("questions.csv", questions.Select(q => new QuestionRow(q.Id, q.UserKey, q.DisplayName, q.Language, q.Step, q.Text, q.AskedAt, q.Status.ToString(), q.Answer, q.ResolvedBy, q.ResolvedAt, q.AnswerHelpful))),
                _reports.Csv("unmatched.csv", events.Where(e => e.Kind == DialogEventKind.Unmatched).Select(e => new UnmatchedRow(e.UserKey, e.Text ?? "", e.Topic, e.Language, e.At))),
            ],
        });
    }

    private ValueTask<Reply> ReloadCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var errors = _reloader?.Reload() ?? [];
        if (errors.Count > 0)
        {
            var text = new StringBuilder(context.Texts[TextKey.ReloadFailed]);
            foreach (var error in errors.Take(10))
                text.Append("\n• ").Append(Markup.Escape(error.ToString()));
            return ValueTask.FromResult(new Reply(new OutgoingMessage(text.ToString())));
        }
        var catalog = _content.Current;
        return ValueTask.FromResult(Say(context, TextKey.ReloadDone,
            ("languages", string.Join(", ", catalog.Languages.Keys)), ("guides", string.Join(", ", catalog.GuideIds))));
    }

    private async ValueTask<Reply> ForgetUserCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var userKey = argument.Trim();
        if (userKey.IndexOf(':', StringComparison.Ordinal) <= 0 || userKey.Contains(' ', StringComparison.Ordinal))
            return Say(context, TextKey.ForgetUserUsage);

        // A moderator may only erase users their community has seen: no reach into other servers.
        var community = context.Turn.Community;
        var known = (await _moderation!.ListEventsAsync(community, DateTimeOffset.MinValue, cancellationToken)).Any(e => e.UserKey == userKey)
                    || (await _moderation.ListQuestionsAsync(community, DateTimeOffset.MinValue, cancellationToken)).Any(q => q.UserKey == userKey)
                    || (await _moderation.ListFeedbackAsync(community, DateTimeOffset.MinValue, cancellationToken)).Any(f => f.UserKey == userKey);
        if (!known)
            return Say(context, TextKey.ForgetUserNotFound, ("user", Markup.Escape(userKey)));
        var count = await _store.ForgetUserAsync(userKey, cancellationToken);
        return Say(context, TextKey.ForgetUserDone, ("user", Markup.Escape(userKey)), ("count", count.ToString(CultureInfo.InvariantCulture)));
    }

    private async ValueTask<Question?> FindOwnQuestionAsync(TurnContext context, string id, CancellationToken cancellationToken) =>
        await _moderation!.FindQuestionAsync(id, cancellationToken) is { } question && question.Community == context.Turn.Community ? question : null;

    private async ValueTask<Reply> AlreadyResolvedAsync(TurnContext context, string id, CancellationToken cancellationToken)
    {
        var current = await _moderation!.FindQuestionAsync(id, cancellationToken);
        var by = current?.ResolvedBy is { } who ? $"{Markup.Escape(who)}, {FormatTime(current.ResolvedAt ?? context.Now)}" : "—";
        return Say(context, TextKey.AlreadyResolved, ("id", id), ("by", by));
    }

    private static Question Resolve(TurnContext context, Question question, QuestionStatus status)
    {
        var resolved = question.Clone();
        resolved.Status = status;
        resolved.ResolvedBy = context.Turn.Channel + ":" + (context.Turn.DisplayName ?? context.Turn.UserId);
        resolved.ResolvedAt = context.Now;
        return resolved;
    }

    private static Reply Say(TurnContext context, TextKey key, params ReadOnlySpan<(string Name, string Value)> values) =>
        new(new OutgoingMessage(values.Length == 0 ? context.Texts[key] : context.Texts.Format(key, values)));

    internal static string Percent(double rate) => (rate * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalHours >= 1
            ? $"{(int)duration.TotalHours} h {duration.Minutes} min"
            : $"{Math.Max(1, (int)Math.Round(duration.TotalMinutes))} min";
}
