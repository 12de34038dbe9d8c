using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>The form's reason options explained: <c>/reasons</c> and the <c>reasons:guide</c> button.</summary>
internal static class ReasonsSection
{
    public static ValueTask<Reply> Command(TurnContext context, string argument, CancellationToken cancellationToken) =>
        Done(Screen(context), context, clearAwaiting: true);

    /// <summary><c>reasons:guide</c>.</summary>
    public static ValueTask<Reply> Action(TurnContext context, ActionId action, CancellationToken cancellationToken) =>
        Done(Screen(context), context);

    private static Reply Screen(TurnContext context) => context.Guide.Reasons ?? NoSection(context);
}
