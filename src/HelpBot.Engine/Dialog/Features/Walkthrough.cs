using System.Globalization;
using HelpBot.Engine.Storage;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>
/// The step-by-step guide: <c>/steps</c> resumes where the user stopped, buttons page through the sub-steps and
/// finish it. Each first reach of a sub-step is counted for the moderators' funnel.
/// </summary>
internal static class Walkthrough
{
    public static ValueTask<Reply> StepsCommand(TurnContext context, string argument, CancellationToken cancellationToken) =>
        Done(Resume(context), context, clearAwaiting: true);

    /// <summary><c>steps:guide</c>.</summary>
    public static ValueTask<Reply> ResumeAction(TurnContext context, ActionId action, CancellationToken cancellationToken) =>
        Done(Resume(context), context);

    /// <summary><c>step:guide:n</c>, n a sub-step of that guide.</summary>
    public static bool IsStep(TurnContext context, ActionId action) =>
        action.Target is { } g && context.Language.Guides.TryGetValue(g, out var screens)
        && int.TryParse(action.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        && n >= 1 && n <= screens.StepCount;

    public static ValueTask<Reply> StepAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        ClearAwaiting(context);
        return ValueTask.FromResult(ShowStep(context, int.Parse(action.Argument!, CultureInfo.InvariantCulture), fresh: true));
    }

    /// <summary><c>accept:guide</c>: the user read the consequences and goes on to the steps.</summary>
    public static ValueTask<Reply> AcceptAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        if (!context.State.AcceptedConsequences)
            context.Change(s => s.AcceptedConsequences = true);
        return ValueTask.FromResult(Resume(context));
    }

    /// <summary><c>done:guide</c>.</summary>
    public static ValueTask<Reply> DoneAction(TurnContext context, ActionId action, CancellationToken cancellationToken) =>
        Done(Finish(context), context);

    public static Reply Resume(TurnContext context) =>
        context.State.Step is var step and > 0 && step <= context.Guide.StepCount
            ? ShowStep(context, step, fresh: false)
            : ShowStep(context, 1, fresh: true);

    public static Reply ShowStep(TurnContext context, int number, bool fresh)
    {
        if (context.State.Step != number)
            context.Change(s => s.Step = number);

        // The funnel counts users per sub-step, so only the first reach is an event: paging back and forth writes nothing more.
        var bit = 1L << number;
        var guide = context.GuideId;
        if (context.State.ReachedGuide != guide || (context.State.ReachedSteps & bit) == 0)
        {
            context.Change(s =>
            {
                s.ReachedSteps = (s.ReachedGuide == guide ? s.ReachedSteps : 0) | bit;
                s.ReachedGuide = guide;
            });
            context.Record(DialogEventKind.StepReached, number);
        }
        return fresh ? context.Guide.Steps[number] : context.Guide.ResumedSteps[number];
    }

    public static Reply Finish(TurnContext context)
    {
        context.Record(DialogEventKind.Completed, context.Guide.StepCount);
        context.Change(s => s.Step = 0);
        return context.Guide.Finished;
    }
}
