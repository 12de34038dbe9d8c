using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.Engine.Storage;
using HelpBot.ModeratorConsole.Pages.Content;
using HelpBot.ModeratorConsole.Pages.Overview;
using HelpBot.ModeratorConsole.Pages.Questions;
using HelpBot.ModeratorConsole.Pages.Review;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpBot.ModeratorConsole.Pages;

/// <summary>
/// The console's pages, each a GET (and its forms' POSTs) on the signed-in group: paths relative to <c>/console</c>,
/// a <see cref="SignedInModerator"/> parameter for who asks, results from <see cref="ConsolePage.Render{TPage}"/>.
/// </summary>
internal static class ConsolePages
{
    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("", OverviewAsync);
        ReviewEndpoints.Map(pages);
        QuestionsEndpoints.Map(pages);
        SavedAnswers.SavedAnswersEndpoints.Map(pages);
        Stats.StatsEndpoints.Map(pages);
        ContentEndpoints.Map(pages);
    }

    private static async Task<IResult> OverviewAsync(SignedInModerator moderator, IContentProvider content, ModeratorDesk desk, IServiceProvider services, CancellationToken cancellationToken)
    {
        var figures = await CommunityFigures.ReadAsync(moderator.AtDesk(), desk.Review, services.GetService<IModerationStore>(), content, cancellationToken);
        return ConsolePage.Render<OverviewPage>(parameters: new { Moderator = moderator, Figures = figures });
    }
}
