using HelpBot.ModeratorConsole.Assets;
using HelpBot.ModeratorConsole.Pages;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HelpBot.ModeratorConsole.Hosting;

public static class ModeratorConsoleEndpoints
{
    /// <summary>
    /// Maps <c>/console</c>: assets and the link sign-in open to all, every page behind <see cref="ConsoleGate"/>.
    /// Returns the pages' group, whose endpoints see only signed-in moderators (<see cref="SignedInModerator"/>).
    /// </summary>
    public static RouteGroupBuilder MapModeratorConsole(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ConsoleAssets.Map(app);
        var pages = app.MapGroup(ConsoleRoutes.Root);
        // A moderator's data is never stored by a browser or a proxy, nor framed by a site other than Telegram's.
        pages.AddEndpointFilter(static async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = "frame-ancestors 'self' https://web.telegram.org";
            return await next(context);
        });
        pages.AddEndpointFilter<ConsoleGate>();
        LinkSignInEndpoints.Map(app, pages);
        ConsolePages.Map(pages);
        return pages;
    }
}
