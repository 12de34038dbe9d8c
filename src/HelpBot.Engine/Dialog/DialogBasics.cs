using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Dialog;

/// <summary>The small replies and state changes every feature uses.</summary>
internal static class DialogBasics
{
    public static ValueTask<Reply> Done(Reply reply, TurnContext context, bool clearAwaiting = false)
    {
        if (clearAwaiting)
            ClearAwaiting(context);
        return ValueTask.FromResult(reply);
    }

    /// <summary>Ends whatever the bot was waiting for (a question, a comment, an answer): the user moved on.</summary>
    public static void ClearAwaiting(TurnContext context)
    {
        if (context.State.Awaiting != Awaiting.Nothing)
        {
            context.Change(s =>
            {
                s.Awaiting = Awaiting.Nothing;
                s.AwaitingQuestion = null;
                s.AwaitingSavedAnswer = null;
                s.AwaitingLanguage = null;
                s.AwaitingTitle = null;
            });
        }
    }

    /// <summary>A typed question is answered with a new message; only a button press edits the message it came from.</summary>
    public static Reply AsNewMessage(Reply reply) => reply.EditInPlace ? reply with { EditInPlace = false } : reply;

    public static Reply NoSection(TurnContext context) =>
        new(new OutgoingMessage(context.Texts[TextKey.NoSection], context.Guide.MenuButtons));

    public static Reply Stale(TurnContext context) =>
        new(new OutgoingMessage(context.Texts[TextKey.StaleButton], context.Guide.MenuButtons));

    public static Reply Say(TurnContext context, TextKey key, params ReadOnlySpan<(string Name, string Value)> values) =>
        new(new OutgoingMessage(values.Length == 0 ? context.Texts[key] : context.Texts.Format(key, values)));

    /// <summary>A user's text quoted in another message, cut at 200 characters.</summary>
    public static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
