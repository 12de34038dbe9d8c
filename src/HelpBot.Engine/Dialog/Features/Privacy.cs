using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>Forgetting: <c>/forget</c> erases the user's own data, <c>/forget_user</c> a user a moderator's community has seen.</summary>
internal sealed class Privacy(IConversationStore store, IModerationStore? moderation)
{
    public async ValueTask<Reply> ForgetCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        await store.ForgetUserAsync(context.Turn.UserKey, cancellationToken);
        context.Forgotten = true;
        return new Reply(new OutgoingMessage(context.Texts[TextKey.ForgetDone]));
    }

    public async ValueTask<Reply> ForgetUserCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var userKey = argument.Trim();
        if (userKey.IndexOf(':', StringComparison.Ordinal) <= 0 || userKey.Contains(' ', StringComparison.Ordinal))
            return Say(context, TextKey.ForgetUserUsage);

        // A moderator may only erase users their community has seen: no reach into other servers.
        var community = context.Turn.Community;
        var known = (await moderation!.ListEventsAsync(community, DateTimeOffset.MinValue, cancellationToken)).Any(e => e.UserKey == userKey)
                    || (await moderation.ListQuestionsAsync(community, DateTimeOffset.MinValue, cancellationToken)).Any(q => q.UserKey == userKey)
                    || (await moderation.ListFeedbackAsync(community, DateTimeOffset.MinValue, cancellationToken)).Any(f => f.UserKey == userKey);
        if (!known)
            return Say(context, TextKey.ForgetUserNotFound, ("user", Markup.Escape(userKey)));
        var count = await store.ForgetUserAsync(userKey, cancellationToken);
        return Say(context, TextKey.ForgetUserDone, ("user", Markup.Escape(userKey)), ("count", count.ToString(CultureInfo.InvariantCulture)));
    }
}
