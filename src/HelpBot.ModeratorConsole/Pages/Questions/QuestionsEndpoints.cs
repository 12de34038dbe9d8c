using System.Globalization;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HelpBot.ModeratorConsole.Pages.Questions;

/// <summary>
/// <c>/console/questions</c>: the community's open questions, oldest first, with the asker's recent activity; answering
/// one through <see cref="QuestionsDesk"/>, which delivers the answer to the asker's channel exactly as <c>/answer</c>.
/// </summary>
internal static class QuestionsEndpoints
{
    public const string MorePath = ConsoleRoutes.Questions + "/more";
    public const string AnswerPath = ConsoleRoutes.Questions + "/answer";

    /// <summary>Events of the asker's activity shown with a question.</summary>
    public const int ActivityShown = 10;

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet(ConsoleRoutes.InGroup(ConsoleRoutes.Questions), PageAsync);
        pages.MapGet(ConsoleRoutes.InGroup(MorePath), MoreAsync);
        // The gate has checked the antiforgery token of every POST.
        pages.MapPost(ConsoleRoutes.InGroup(AnswerPath), AnswerAsync).DisableAntiforgery();
    }

    private static async Task<IResult> PageAsync(SignedInModerator moderator, ModeratorDesk desk, CancellationToken cancellationToken)
    {
        var page = await desk.Questions.ListAsync(moderator.AtDesk(), 0, DeskRequests.PageSize, ActivityShown, cancellationToken);
        return ConsolePage.Render<QuestionsPage>(parameters: new { Moderator = moderator, Questions = page });
    }

    /// <summary>The next cards for "More": <c>skip</c> is how many questions still wait on the page (answered ones are no longer open).</summary>
    private static Task<IResult> MoreAsync(SignedInModerator moderator, ModeratorDesk desk, string? skip, CancellationToken cancellationToken) =>
        DeskRequests.MoreAsync<QuestionCards>(skip, "questions", async from =>
        {
            var page = await desk.Questions.ListAsync(moderator.AtDesk(), from, DeskRequests.PageSize, ActivityShown, cancellationToken);
            return (page.Items, page.Total);
        });

    private static async Task<IResult> AnswerAsync(HttpRequest request, HttpResponse response, SignedInModerator moderator, ModeratorDesk desk, DialogOptions options, CancellationToken cancellationToken)
    {
        var form = await DeskRequests.ReadFormAsync(request, cancellationToken);
        var questionId = form?["question"].ToString() ?? "";
        var answer = form?["answer"].ToString() ?? "";
        var save = form?["save"].ToString() == "yes";
        var title = form?["title"].ToString();
        var result = questionId.Length == 0
            ? new AnswerResult(AnswerOutcome.UnknownQuestion)
            : save
                ? await desk.Questions.AnswerAndSaveAsync(moderator.AtDesk(), questionId, answer, string.IsNullOrWhiteSpace(title) ? null : title, null, cancellationToken)
                : await desk.Questions.AnswerAsync(moderator.AtDesk(), questionId, answer, cancellationToken);
        var (status, message) = Describe(result, options.MaxTextLength);
        // A question no longer open leaves the list: its card is replaced by the outcome; otherwise the form (with the typed answer) stays.
        var cardId = questionId.Trim().ToUpperInvariant();
        var closesCard = result.Outcome is AnswerOutcome.Sent or AnswerOutcome.AlreadyResolved && AnswerOutcomeView.IsCardId(cardId);
        if (closesCard)
        {
            response.Headers["HX-Retarget"] = "#" + AnswerOutcomeView.CardId(cardId);
            response.Headers["HX-Reswap"] = "outerHTML";
        }
        return DeskRequests.Outcome<AnswerOutcomeView>(request, status, message,
            new { QuestionId = closesCard ? cardId : null, Ok = status < 400, Outcome = result.Outcome, Message = message });
    }

    /// <summary>The outcome in words, with its HTTP status (errors are still shown next to the form).</summary>
    public static (int Status, string Message) Describe(AnswerResult result, int maxLength)
    {
        var saved = result.Saved switch
        {
            null => "",
            { Outcome: HelpBot.Engine.Content.SavedAnswerOutcome.Changed } => " Saved as the bot's answer: a similar question gets it from now on.",
            { Outcome: HelpBot.Engine.Content.SavedAnswerOutcome.Unchanged } => " A saved answer for this question existed already: it stays as it was.",
            { Detail: var detail } => " The saved answer was refused: " + detail,
        };
        return result.Outcome switch
        {
            AnswerOutcome.Sent => (StatusCodes.Status200OK, "Sent to the user." + saved),
            AnswerOutcome.AlreadyResolved => (StatusCodes.Status409Conflict,
                $"Someone else answered first: {result.ResolvedBy ?? "another moderator"}" + (result.ResolvedAt is { } at ? ", " + DeskRequests.Time(at) : "") + ". Nothing sent."),
            AnswerOutcome.UnknownQuestion => (StatusCodes.Status404NotFound, "Unknown question: your community has no question with this id."),
            AnswerOutcome.EmptyAnswer => (StatusCodes.Status400BadRequest, "The answer is empty: nothing sent."),
            AnswerOutcome.TooLong => (StatusCodes.Status400BadRequest,
                string.Create(CultureInfo.InvariantCulture, $"The answer is too long: at most {maxLength} characters. Nothing sent.")),
            AnswerOutcome.InvalidDraft => (StatusCodes.Status400BadRequest, $"Not sent: {result.Detail}."),
            _ => (StatusCodes.Status503ServiceUnavailable, "This bot cannot answer questions from the console (no moderation store or saved answers)."),
        };
    }
}
