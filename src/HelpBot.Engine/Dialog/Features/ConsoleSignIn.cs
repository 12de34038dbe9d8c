using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary><c>/console</c>: a one-time link signing the moderator in to the moderators' console, when the host serves one.</summary>
internal sealed class ConsoleSignIn(IConsoleLinks? links)
{
    public async ValueTask<Reply> ConsoleCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        if (links is null)
            return Say(context, TextKey.ConsoleOff);
        // A link posted in a group would sign in whoever opens it first.
        if (!context.Turn.PrivateReplies)
            return Say(context, TextKey.ConsolePrivateOnly);
        var turn = context.Turn;
        var link = await links.IssueAsync(new ConsoleModerator(turn.Channel, turn.UserId, turn.Community), cancellationToken);
        return Say(context, TextKey.ConsoleLink,
            ("link", link.AbsoluteUri),
            ("minutes", ((int)links.Lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture)));
    }
}
