using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>The greeting, the menu and the help screen; the menu's guide buttons switch guides.</summary>
internal sealed class Menu(FreeText freeText)
{
    public static ValueTask<Reply> StartCommand(TurnContext context, string argument, CancellationToken cancellationToken) =>
        Done(context.Guide.Start, context, clearAwaiting: true);

    public static ValueTask<Reply> MenuCommand(TurnContext context, string argument, CancellationToken cancellationToken) =>
        Done(context.Guide.Menu, context, clearAwaiting: true);

    public ValueTask<Reply> HelpCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        // "/help how do I ..." (and Discord's /help question:...) is a question in the user's own words.
        if (argument.Length > 0)
        {
            ClearAwaiting(context);
            return ValueTask.FromResult(freeText.Understand(context, argument));
        }
        return Done(context.Guide.Help, context, clearAwaiting: true);
    }

    /// <summary><c>menu</c>.</summary>
    public static ValueTask<Reply> MenuAction(TurnContext context, ActionId action, CancellationToken cancellationToken) =>
        Done(context.Guide.Menu, context, clearAwaiting: true);

    /// <summary><c>help</c>.</summary>
    public static ValueTask<Reply> HelpAction(TurnContext context, ActionId action, CancellationToken cancellationToken) =>
        Done(context.Guide.Help, context, clearAwaiting: true);

    /// <summary><c>guide:id</c>: the engine has already made it the user's guide, as for every button carrying one.</summary>
    public static ValueTask<Reply> GuideAction(TurnContext context, ActionId action, CancellationToken cancellationToken) =>
        Done(context.Guide.Menu, context, clearAwaiting: true);
}
