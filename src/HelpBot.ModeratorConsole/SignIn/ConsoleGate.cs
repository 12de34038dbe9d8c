using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.Pages;
using HelpBot.ModeratorConsole.Pages.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>
/// In front of every console page: signs the request's moderator in (a download ticket where the endpoint takes one,
/// else a Telegram Mini App's initData header, else the session cookie) and guards requests that change state against
/// cross-site use (Origin; plus the antiforgery token for cookie sessions, since a browser adds cookies to cross-site
/// requests but never a custom header). A request without a moderator gets 401 and the sign-in page; a refused initData
/// or ticket 401 with the reason. A middleware rather than an endpoint filter: it must run before the endpoint binds its
/// <see cref="SignedInModerator"/> parameter.
/// </summary>
internal sealed class ConsoleGate(MiniAppSignIn miniApp, DownloadTickets tickets, SignInAttempts attempts, IAntiforgery antiforgery, IOptions<ModeratorConsoleOptions> options) : IMiddleware
{
    /// <summary>Endpoint metadata: the endpoint is a console page, for signed-in moderators only.</summary>
    public sealed class ForModerators;

    /// <summary>
    /// Endpoint metadata: a GET of the endpoint may be signed in by a <see cref="DownloadTickets"/> ticket for its path
    /// (a download, which a Mini App cannot send with the initData header). Anywhere else a ticket is an ignored parameter.
    /// </summary>
    public sealed class AcceptsDownloadTicket;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetEndpoint()?.Metadata.GetMetadata<ForModerators>() is null)
        {
            await next(context);
            return;
        }
        // A moderator's data is never stored by a browser or a proxy, nor framed by a site other than Telegram's.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'self' https://web.telegram.org";
        if (await RefusalAsync(context) is { } refusal)
            await refusal.ExecuteAsync(context);
        else
            await next(context);
    }

    /// <summary>Signs the request's moderator in (sets <see cref="HttpContext.User"/>), or says why not.</summary>
    private async Task<IResult?> RefusalAsync(HttpContext http)
    {
        if (TicketOf(http) is { } ticket)
        {
            var (ticketHolder, refusal) = tickets.Redeem(ticket, http.Request.Path);
            if (ticketHolder is null)
                return CountedRefusal(http, "Download link refused: " + refusal);
            http.User = ticketHolder.ToPrincipal(ConsoleAuthentication.DownloadTicketScheme);
            return null;
        }

        var changesState = CrossSiteChecks.ChangesState(http.Request);
        if (http.Request.Headers.TryGetValue(ConsoleRoutes.InitDataHeader, out var initData))
        {
            var (moderator, refusal) = miniApp.SignIn(initData.ToString());
            if (moderator is null)
                return CountedRefusal(http, "Telegram sign-in refused: " + refusal);
            if (changesState && !CrossSiteChecks.FromOwnOrigin(http.Request, options.Value, required: true))
                return ConsolePage.Refusal(StatusCodes.Status403Forbidden, "Refused: the request did not come from the console's own pages.");
            http.User = moderator.ToPrincipal(ConsoleAuthentication.MiniAppScheme);
            return null;
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
        return null;
    }

    /// <summary>The request's download ticket, when it is a GET of an endpoint that takes one.</summary>
    private static string? TicketOf(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method)
        && http.GetEndpoint()?.Metadata.GetMetadata<AcceptsDownloadTicket>() is not null
        && http.Request.Query.TryGetValue(DownloadTickets.QueryName, out var ticket)
            ? ticket.ToString()
            : null;

    /// <summary>A refused initData or ticket: 401 with the reason, or 429 once the address has used up its attempts.</summary>
    private IResult CountedRefusal(HttpContext http, string reason) =>
        attempts.TryCount(http)
            ? ConsolePage.Refusal(StatusCodes.Status401Unauthorized, reason)
            : ConsolePage.Refusal(StatusCodes.Status429TooManyRequests, "Too many sign-in attempts: wait a minute.");
}
