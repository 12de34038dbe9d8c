using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>What happens after the account is deleted: <c>/consequences</c> and the <c>cons:guide</c> button.</summary>
internal static class ConsequencesSection
{
    public static ValueTask<Reply> Command(TurnContext context, string argument, CancellationToken cancellationToken) =>
        Done(Screen(context), context, clearAwaiting: true);

    /// <summary><c>cons:guide</c>.</summary>
    public static ValueTask<Reply> Action(TurnContext context, ActionId action, CancellationToken cancellationToken) =>
        Done(Screen(context), context);

    private static Reply Screen(TurnContext context) => context.Guide.Consequences ?? NoSection(context);
}
