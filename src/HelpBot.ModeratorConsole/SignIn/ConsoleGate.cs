using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.Pages;
using HelpBot.ModeratorConsole.Pages.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>
/// In front of every console page: signs the request's moderator in (a Telegram Mini App's initData header, else the
/// session cookie) and guards requests that change state against cross-site use (Origin; plus the antiforgery token
/// for cookie sessions, since a browser adds cookies to cross-site requests but never a custom header). A request
/// without a moderator gets 401 and the sign-in page; a refused initData 401 with the reason.
/// </summary>
internal sealed class ConsoleGate(MiniAppSignIn miniApp, SignInAttempts attempts, IAntiforgery antiforgery, IOptions<ModeratorConsoleOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var changesState = CrossSiteChecks.ChangesState(http.Request);
        if (http.Request.Headers.TryGetValue(ConsoleRoutes.InitDataHeader, out var initData))
        {
            var (moderator, refusal) = miniApp.SignIn(initData.ToString());
            if (moderator is null)
            {
                return attempts.TryCount(http)
                    ? ConsolePage.Refusal(StatusCodes.Status401Unauthorized, "Telegram sign-in refused: " + refusal)
                    : ConsolePage.Refusal(StatusCodes.Status429TooManyRequests, "Too many sign-in attempts: wait a minute.");
            }
            if (changesState && !CrossSiteChecks.FromOwnOrigin(http.Request, options.Value, required: true))
                return ConsolePage.Refusal(StatusCodes.Status403Forbidden, "Refused: the request did not come from the console's own pages.");
            http.User = moderator.ToPrincipal(ConsoleAuthentication.MiniAppScheme);
            return await next(context);
        }

        var session = await http.AuthenticateAsync(ConsoleAuthentication.CookieScheme);
        if (!session.Succeeded || SignedInModerator.From(session.Principal) is null)
            return ConsolePage.Render<SignInGate>(StatusCodes.Status401Unauthorized);
        http.User = session.Principal!;
        if (changesState)
        {
            if (!CrossSiteChecks.FromOwnOrigin(http.Request, options.Value, required: false))
                return ConsolePage.Refusal(StatusCodes.Status403Forbidden, "Refused: the request did not come from the console's own pages.");
            if (!await antiforgery.IsRequestValidAsync(http))
                return ConsolePage.Refusal(StatusCodes.Status400BadRequest, "The form has expired or did not come from the console: reload the page and try again.");
        }
        else
        {
            // The token pages put in their forms (and console.js in htmx requests), bound to this session.
            http.Items[typeof(AntiforgeryTokenSet)] = antiforgery.GetAndStoreTokens(http);
        }
        return await next(context);
    }
}
