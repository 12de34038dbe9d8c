using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>Whether the guide helped: yes, or no with an optional comment typed next.</summary>
internal sealed class GuideFeedback(IConversationStore store)
{
    public static ValueTask<Reply> Command(TurnContext context, string argument, CancellationToken cancellationToken) =>
        Done(context.Guide.FeedbackQuestion, context, clearAwaiting: true);

    /// <summary><c>fb:guide</c> asks; <c>fb:guide:yes</c> and <c>fb:guide:no</c> answer.</summary>
    public static bool IsFeedback(TurnContext context, ActionId action) =>
        action.Target is { } g && context.Language.Guides.ContainsKey(g) && action.Argument is null or "yes" or "no";

    public async ValueTask<Reply> Action(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (action.Argument is null)
            return context.Guide.FeedbackQuestion;
        var helpful = action.Argument == "yes";
        var previous = await store.FindFeedbackAsync(context.Turn.UserKey, context.GuideId, cancellationToken);
        context.Changes.Feedback = new Feedback
        {
            Id = Feedback.IdFor(context.Turn.UserKey, context.GuideId),
            UserKey = context.Turn.UserKey,
            Guide = context.GuideId,
            Helpful = helpful,
            Community = context.Turn.Community,
            // A changed answer drops the old comment: it explained the old answer.
            Comment = previous is { Helpful: var was } && was == helpful ? previous.Comment : null,
            Language = context.Language.Code,
            At = context.Now,
        };
        if (helpful)
        {
            ClearAwaiting(context);
            return new Reply(new OutgoingMessage(context.Texts[TextKey.FeedbackYes], [context.Guide.MenuRow]));
        }
        context.Change(s => s.Awaiting = Awaiting.FeedbackComment);
        return new Reply(new OutgoingMessage(context.Texts[TextKey.FeedbackNo],
            [[new Button(context.Texts[TextKey.ButtonSkip], ActionId.Skip), context.Guide.MenuRow[0]]]))
        {
            OffersForm = new FormOffer(TextForms.Comment, context.Texts[TextKey.ButtonComment]),
        };
    }

    /// <summary><c>skip</c>: no comment after a "no".</summary>
    public static ValueTask<Reply> SkipAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        var wasWaiting = context.State.Awaiting == Awaiting.FeedbackComment;
        ClearAwaiting(context);
        return ValueTask.FromResult(wasWaiting
            ? new Reply(new OutgoingMessage(context.Texts[TextKey.FeedbackCommentSkipped], [context.Guide.MenuRow]))
            : context.Guide.Menu);
    }

    /// <summary>The text typed after a "no" explains it.</summary>
    public async ValueTask<Reply> SaveCommentAsync(TurnContext context, string text, CancellationToken cancellationToken)
    {
        var feedback = await store.FindFeedbackAsync(context.Turn.UserKey, context.GuideId, cancellationToken) ?? new Feedback
        {
            Id = Feedback.IdFor(context.Turn.UserKey, context.GuideId),
            UserKey = context.Turn.UserKey,
            Guide = context.GuideId,
            Helpful = false,
            Language = context.Language.Code,
            Community = context.Turn.Community,
        };
        feedback.Comment = text;
        feedback.At = context.Now;
        context.Changes.Feedback = feedback;
        ClearAwaiting(context);
        return new Reply(new OutgoingMessage(context.Texts[TextKey.FeedbackCommentSaved], [context.Guide.MenuRow]));
    }
}
