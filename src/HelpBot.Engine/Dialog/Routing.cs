using HelpBot.Engine.Dialog.Features;

namespace HelpBot.Engine.Dialog;

/// <summary>Who may use a command. The channel says whether a turn is a moderator's; the engine enforces it.</summary>
public enum Audience
{
    Everyone,
    Moderators,
}

/// <summary>
/// A word or text after a command's name (<c>/answer Q7K2MX text</c>); channels with named options (Discord) show
/// it as one, with its name and description from the command's texts in <c>bot.yaml</c>.
/// </summary>
public sealed record CommandArgument(string Name)
{
    /// <summary>Its value is one of the content's language codes, which channels may offer as choices.</summary>
    public bool IsLanguage { get; init; }

    /// <summary>Longest value worth typing; null: as long as the engine's text limit allows after the command's name.</summary>
    public int? MaxLength { get; init; }
}

/// <summary>
/// A command of <see cref="DialogTable"/>: its name (what follows <c>/</c>), who may use it, its arguments in the
/// order they are typed, and whether channels offer it in their command menus. Its texts per language (menu
/// description, and for channels that localize names a translated name) are under <c>commands:</c> in <c>bot.yaml</c>.
/// </summary>
public sealed record DialogCommand
{
    internal DialogCommand(string name, Audience audience, Func<DialogFeatures, CommandHandler> handler, params CommandArgument[] arguments)
    {
        Name = name;
        Audience = audience;
        Handler = handler;
        Arguments = arguments;
    }

    public string Name { get; }

    public Audience Audience { get; }

    public IReadOnlyList<CommandArgument> Arguments { get; }

    /// <summary>False for <c>/start</c>: Telegram sends it by itself, and Discord has no such thing.</summary>
    public bool Listed { get; init; } = true;

    internal Func<DialogFeatures, CommandHandler> Handler { get; }

    /// <summary>The longest argument that still fits <paramref name="maxTextLength"/> once typed as <c>/name argument</c>.</summary>
    public int MaxArgumentLength(int maxTextLength) => Math.Max(1, maxTextLength - Name.Length - 2);
}

internal delegate ValueTask<Reply> CommandHandler(TurnContext context, string argument, CancellationToken cancellationToken);

internal delegate ValueTask<Reply> ActionHandler(TurnContext context, ActionId action, CancellationToken cancellationToken);

/// <summary>Whether a parsed action id names things that exist: forged or outdated ids are refused, not guessed.</summary>
internal delegate bool ActionCheck(TurnContext context, ActionId action);

/// <summary>A button kind of <see cref="DialogTable"/>: the verb of its action id, the check of the rest of the id, and its handler.</summary>
internal sealed record DialogAction(string Verb, ActionCheck IsValid, Func<DialogFeatures, ActionHandler> Handler);

/// <summary>The checks most buttons share; a button with its own shape has its check beside its handler.</summary>
internal static class ActionChecks
{
    /// <summary><c>verb</c> alone.</summary>
    public static bool Bare(TurnContext context, ActionId action) => action.Target is null && action.Argument is null;

    /// <summary><c>verb:guide</c>, the guide one of the user's language.</summary>
    public static bool Guide(TurnContext context, ActionId action) =>
        action.Target is { } g && context.Language.Guides.ContainsKey(g) && action.Argument is null;
}
