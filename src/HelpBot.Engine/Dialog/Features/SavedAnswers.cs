using System.Globalization;
using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>
/// The moderators' saved answers given by the bot (<c>answers.yaml</c>): to a free text read as one
/// (<see cref="FreeText"/>), or from its button (labelled with its title) among the sections offered when the bot was
/// not sure. Each is marked as the moderators' answer and carries 👍/👎, which count once per serving.
/// </summary>
internal static class SavedAnswers
{
    /// <summary>How a saved answer is named where sections are named by their topic argument (<c>saved_q7k2mx</c>).</summary>
    private const string ArgumentPrefix = "saved_";

    private const string Yes = "yes";
    private const string No = "no";

    /// <summary>The argument naming saved answer <paramref name="id"/> in <see cref="UserState.ReadTopic"/>, events and /review's buttons.</summary>
    public static string ArgumentOf(string id) => ArgumentPrefix + id;

    /// <summary>The saved answer an argument of <see cref="ArgumentOf"/> names (its topic), or null for any other argument.</summary>
    public static Topic? TopicOf(string argument) =>
        argument.StartsWith(ArgumentPrefix, StringComparison.Ordinal) && SavedAnswersFile.IsId(argument[ArgumentPrefix.Length..])
            ? Topic.Saved(argument[ArgumentPrefix.Length..])
            : null;

    /// <summary>The saved answer <paramref name="id"/> as the user's language has it, if it is served to their community.</summary>
    public static SavedAnswer? Find(TurnContext context, string id) =>
        context.Language.SavedAnswers.TryGetValue(id, out var answer) && answer.IsFor(context.Turn.Community) ? answer : null;

    /// <summary>The button offering a saved answer when the bot is not sure: its title.</summary>
    public static Button OfferButton(SavedAnswer answer) => new(answer.Title, new ActionId(ActionId.SavedAnswer, answer.Id, null).ToString());

    /// <summary>
    /// The answer, under the moderators' header, with 👍/👎 numbered by this serving (an older serving's buttons are
    /// refused) and the menu. The serving is recorded; the section shown before no longer frames the next text.
    /// </summary>
    public static Reply Serve(TurnContext context, SavedAnswer answer)
    {
        var serving = context.State.SavedServing == int.MaxValue ? 1 : context.State.SavedServing + 1;
        context.Change(s =>
        {
            s.SavedServed = answer.Id;
            s.SavedServing = serving;
            s.SavedRated = false;
            s.ShownTopic = null;
        });
        context.Record(DialogEventKind.SavedAnswerServed, topic: answer.Id);
        var number = serving.ToString(CultureInfo.InvariantCulture);
        return new Reply(new OutgoingMessage(context.Texts[TextKey.SavedAnswerHeader] + "\n" + answer.Answer,
        [
            [
                new Button(context.Texts[TextKey.ButtonHelpful], new ActionId(ActionId.RateSavedAnswer, answer.Id, Yes + "-" + number).ToString()),
                new Button(context.Texts[TextKey.ButtonNotHelpful], new ActionId(ActionId.RateSavedAnswer, answer.Id, No + "-" + number).ToString()),
            ],
            context.Guide.MenuRow,
        ]));
    }

    /// <summary><c>saved:id</c>, id a saved answer's id (whether it still exists is the handler's to say).</summary>
    public static bool IsSavedAnswer(TurnContext context, ActionId action) =>
        action is { Target: { } id, Argument: null } && SavedAnswersFile.IsId(id);

    /// <summary>
    /// An offered saved answer, given as if the bot had understood it; the user's choice is proposed to the moderators'
    /// review queue as a label for the text, as a chosen section is. A deleted answer's button says so.
    /// </summary>
    public static ValueTask<Reply> Action(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        ClearAwaiting(context);
        if (Find(context, action.Target!) is not { } answer)
            return ValueTask.FromResult(new Reply(new OutgoingMessage(context.Texts[TextKey.SavedAnswerGone], context.Guide.MenuButtons)));
        if (context.State is { ReadText: { } text } && (context.State.ReadDisputed || context.State.ReadTopic is null))
            context.Record(DialogEventKind.Chosen, text: text, topic: ArgumentOf(answer.Id));
        return ValueTask.FromResult(Serve(context, answer));
    }

    /// <summary><c>savedrate:id:yes-n</c> or <c>savedrate:id:no-n</c>, n ≥ 1.</summary>
    public static bool IsRating(TurnContext context, ActionId action) =>
        action is { Target: { } id, Argument: { } argument } && SavedAnswersFile.IsId(id) && RatingOf(argument) is not null;

    private static (bool Helpful, int Serving)? RatingOf(string argument)
    {
        var dash = argument.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || argument[..dash] is not (Yes or No)
            || !int.TryParse(argument.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var serving) || serving < 1)
        {
            return null;
        }
        return (argument[..dash] == Yes, serving);
    }

    /// <summary>👍/👎 under the last saved answer given: counted once; a second tap is thanked, not counted; an older answer's is stale.</summary>
    public static ValueTask<Reply> RateAction(TurnContext context, ActionId action, CancellationToken cancellationToken)
    {
        var (helpful, serving) = RatingOf(action.Argument!)!.Value;
        var state = context.State;
        if (state.SavedServed != action.Target || state.SavedServing != serving)
            return ValueTask.FromResult(Stale(context));
        if (state.SavedRated)
            return ValueTask.FromResult(new Reply(new OutgoingMessage(context.Texts[TextKey.SavedAnswerAlreadyRated], [context.Guide.MenuRow])));
        context.Change(s => s.SavedRated = true);
        context.Record(helpful ? DialogEventKind.SavedAnswerHelpful : DialogEventKind.SavedAnswerNotHelpful, topic: action.Target);
        // A "no" leaves the way to a person open: the moderators can answer it themselves.
        return ValueTask.FromResult(new Reply(new OutgoingMessage(context.Texts[TextKey.RatingThanks], [helpful ? context.Guide.MenuRow : context.Guide.NotSureRow])));
    }
}
