using HelpBot.Engine.Moderation.Desk;
using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HelpBot.ModeratorConsole.Pages.Stats;

/// <summary><c>/console/stats</c>: the community's figures over a span (<see cref="StatsDesk"/>), and <c>/export</c>'s CSV files as downloads.</summary>
internal static class StatsEndpoints
{
    /// <summary>How many of the most frequent unanswered texts the page lists.</summary>
    public const int TopUnanswered = 20;

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/stats", ShowAsync);
        pages.MapGet("/stats/export/{file}", ExportAsync).WithMetadata(new ConsoleGate.AcceptsDownloadTicket());
    }

    private static async Task<IResult> ShowAsync(HttpContext http, SignedInModerator moderator, ModeratorDesk desk, DownloadTickets tickets, TimeProvider time,
        string? from, string? to, string? days, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var query = StatsSpanQuery.Parse(from, to, days, today);
        if (query.Problem is { } problem)
            return ConsolePage.Render<StatsPage>(StatusCodes.Status400BadRequest, new { Moderator = moderator, Today = today, Problem = problem, From = from, To = to });
        var result = await desk.Stats.GetAsync(moderator.AtDesk(), query.From, query.To, TopUnanswered, cancellationToken);
        return result.Outcome switch
        {
            StatsOutcome.Ready => ConsolePage.Render<StatsPage>(parameters: new { Moderator = moderator, Today = today, Stats = result.Stats, Exports = ExportLinks(http, tickets) }),
            StatsOutcome.InvalidSpan => ConsolePage.Render<StatsPage>(StatusCodes.Status400BadRequest, new { Moderator = moderator, Today = today, Problem = "The span ends before it starts.", From = from, To = to }),
            _ => ConsolePage.Refusal(StatusCodes.Status503ServiceUnavailable, "This bot keeps no statistics (no moderation store)."),
        };
    }

    private static async Task<IResult> ExportAsync(SignedInModerator moderator, ModeratorDesk desk, string file, CancellationToken cancellationToken)
    {
        var export = await desk.Stats.ExportAsync(moderator.AtDesk(), cancellationToken);
        if (export.Outcome != StatsOutcome.Ready)
            return ConsolePage.Refusal(StatusCodes.Status503ServiceUnavailable, "This bot has no exports (no moderation store).");
        var attachment = export.Files.FirstOrDefault(f => f.FileName == file);
        return attachment is null
            ? ConsolePage.Refusal(StatusCodes.Status404NotFound, "No export named " + file + ": " + string.Join(", ", export.Files.Select(f => f.FileName)) + ".")
            // A download name makes it an attachment (Content-Disposition), never shown inside the console.
            : Results.File(attachment.Data, attachment.ContentType, attachment.FileName);
    }

    /// <summary>The files /export sends, for the page's download links.</summary>
    public static readonly string[] ExportFiles = ["feedback.csv", "questions.csv", "unmatched.csv"];

    private static List<ExportLink> ExportLinks(HttpContext http, DownloadTickets tickets) =>
        ExportFiles.Select(file => new ExportLink(file, tickets.LinkFor(http, ConsoleRoutes.Stats + "/export/" + file))).ToList();
}

/// <summary>A download link of the stats page: the file's name and its address (with a ticket inside a Mini App).</summary>
public sealed record ExportLink(string FileName, string Href);
