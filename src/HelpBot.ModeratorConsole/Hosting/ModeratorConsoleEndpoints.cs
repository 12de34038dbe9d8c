using HelpBot.ModeratorConsole.Assets;
using HelpBot.ModeratorConsole.Pages;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace HelpBot.ModeratorConsole.Hosting;

public static class ModeratorConsoleEndpoints
{
    /// <summary>
    /// Maps <c>/console</c>: assets and the link sign-in open to all, every page behind <see cref="ConsoleGate"/> (added
    /// to <paramref name="app"/>'s pipeline here). Returns the pages' group, whose endpoints see only signed-in
    /// moderators (<see cref="SignedInModerator"/>).
    /// </summary>
    public static RouteGroupBuilder MapModeratorConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ConsoleGate>();
        ConsoleAssets.Map(app);
        var pages = app.MapGroup(ConsoleRoutes.Root).WithMetadata(new ConsoleGate.ForModerators());
        LinkSignInEndpoints.Map(app, pages);
        ConsolePages.Map(pages);
        return pages;
    }
}
