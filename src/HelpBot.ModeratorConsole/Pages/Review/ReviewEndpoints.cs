using HelpBot.Engine.Moderation.Desk;
using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HelpBot.ModeratorConsole.Pages.Review;

/// <summary>
/// <c>/console/review</c>: the community's review queue a page at a time, and filing one text under a label through
/// <see cref="ReviewDesk.FileAsync"/>, exactly as a tap in <c>/review</c> files it.
/// </summary>
internal static class ReviewEndpoints
{
    public const string RowsPath = ConsoleRoutes.Review + "/rows";
    public const string FilePath = ConsoleRoutes.Review + "/file";

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet(ConsoleRoutes.InGroup(ConsoleRoutes.Review), PageAsync);
        pages.MapGet(ConsoleRoutes.InGroup(RowsPath), RowsAsync);
        // The gate has checked the antiforgery token of every POST.
        pages.MapPost(ConsoleRoutes.InGroup(FilePath), FileAsync).DisableAntiforgery();
    }

    private static async Task<IResult> PageAsync(SignedInModerator moderator, ModeratorDesk desk, CancellationToken cancellationToken)
    {
        var page = await desk.Review.ListAsync(moderator.AtDesk(), 0, DeskRequests.PageSize, null, cancellationToken);
        return ConsolePage.Render<ReviewPage>(parameters: new { Moderator = moderator, Queue = page });
    }

    /// <summary>The next rows for "More": <c>skip</c> is how many rows still wait on the page (filed ones left the queue).</summary>
    private static Task<IResult> RowsAsync(SignedInModerator moderator, ModeratorDesk desk, string? skip, CancellationToken cancellationToken) =>
        DeskRequests.MoreAsync<ReviewRows>(skip, "rows", async from =>
        {
            var page = await desk.Review.ListAsync(moderator.AtDesk(), from, DeskRequests.PageSize, null, cancellationToken);
            return (page.Items, page.Total);
        });

    private static async Task<IResult> FileAsync(HttpRequest request, SignedInModerator moderator, ModeratorDesk desk, CancellationToken cancellationToken)
    {
        var form = await DeskRequests.ReadFormAsync(request, cancellationToken);
        var key = form?["key"].ToString() ?? "";
        var label = form?["label"].ToString() ?? "";
        if (key.Length == 0 || label.Length == 0)
            return Outcome(request, key, new ReviewFiling(ReviewFilingOutcome.UnknownLabel, Detail: "the form needs a key and a label"));
        var filing = await desk.Review.FileAsync(moderator.AtDesk(), key, label, cancellationToken);
        return Outcome(request, key, filing);
    }

    private static IResult Outcome(HttpRequest request, string key, ReviewFiling filing)
    {
        var (status, message) = Describe(filing);
        return DeskRequests.Outcome<ReviewOutcomeRow>(request, status, message,
            new { Key = ReviewDesk.IsKey(key) ? key : null, filing.Outcome, Message = message });
    }

    /// <summary>The outcome in words, with its HTTP status (errors are still shown in the row).</summary>
    public static (int Status, string Message) Describe(ReviewFiling filing) => filing.Outcome switch
    {
        ReviewFilingOutcome.Filed => (StatusCodes.Status200OK, $"Filed under “{filing.Title ?? filing.Label}”: the bot is learning it now."),
        ReviewFilingOutcome.FiledOffTopic => (StatusCodes.Status200OK, "Filed as off-topic: the bot is learning it now."),
        ReviewFilingOutcome.Skipped => (StatusCodes.Status200OK, "Skipped: left out of the training data."),
        ReviewFilingOutcome.AlreadyDecided => (StatusCodes.Status200OK, $"Already decided by another moderator: filed as “{filing.Title ?? filing.Label}”."),
        ReviewFilingOutcome.UnknownItem => (StatusCodes.Status404NotFound, "Unknown item: no message of your community waits under this key."),
        ReviewFilingOutcome.UnknownLabel => (StatusCodes.Status400BadRequest, filing.Detail is { } detail ? "Not filed: " + detail + "." : $"Not filed: there is no section “{filing.Label}” (anymore)."),
        ReviewFilingOutcome.SavedAnswerFull => (StatusCodes.Status409Conflict, $"Not filed: the saved answer “{filing.Title}” has as many example questions as it may."),
        ReviewFilingOutcome.Refused => (StatusCodes.Status409Conflict, "Not filed: " + filing.Detail),
        _ => (StatusCodes.Status503ServiceUnavailable, "This bot cannot file labels (no review store or examples files)."),
    };
}
