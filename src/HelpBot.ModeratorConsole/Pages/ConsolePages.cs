using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;
using HelpBot.ModeratorConsole.Pages.Content;
using HelpBot.ModeratorConsole.Pages.Overview;
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
        ContentEndpoints.Map(pages);
        SavedAnswers.SavedAnswersEndpoints.Map(pages);
        Stats.StatsEndpoints.Map(pages);
    }

    private static async Task<IResult> OverviewAsync(SignedInModerator moderator, IContentProvider content, IServiceProvider services, CancellationToken cancellationToken)
    {
        var figures = await CommunityFigures.ReadAsync(moderator.Community, services.GetService<IModerationStore>(), content, cancellationToken);
        return ConsolePage.Render<OverviewPage>(parameters: new { Moderator = moderator, Figures = figures });
    }
}
