namespace HelpBot.Engine.Dialog;

/// <summary>Who may use a command. The channel says whether a turn is a moderator's; the engine enforces it.</summary>
public enum Audience
{
    Everyone,
    Moderators,
}

internal delegate ValueTask<Reply> CommandHandler(TurnContext context, string argument, CancellationToken cancellationToken);

internal delegate ValueTask<Reply> ActionHandler(TurnContext context, ActionId action, CancellationToken cancellationToken);

/// <summary>Whether a parsed action id names things that exist: forged or outdated ids are refused, not guessed.</summary>
internal delegate bool ActionCheck(TurnContext context, ActionId action);

/// <summary>A command of the table: <c>/name argument</c>, who may use it, and its handler.</summary>
internal sealed record CommandRoute(string Name, Audience Audience, CommandHandler Handle);

/// <summary>A button kind of the table: the verb of its action id, the check of the rest of the id, and its handler.</summary>
internal sealed record ActionRoute(string Verb, ActionCheck IsValid, ActionHandler Handle);

/// <summary>The checks most buttons share; a button with its own shape has its check beside its handler.</summary>
internal static class ActionChecks
{
    /// <summary><c>verb</c> alone.</summary>
    public static bool Bare(TurnContext context, ActionId action) => action.Target is null && action.Argument is null;

    /// <summary><c>verb:guide</c>, the guide one of the user's language.</summary>
    public static bool Guide(TurnContext context, ActionId action) =>
        action.Target is { } g && context.Language.Guides.ContainsKey(g) && action.Argument is null;
}
