using HelpBot.ModeratorConsole.Hosting;
using HelpBot.ModeratorConsole.Pages;
using HelpBot.ModeratorConsole.Pages.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>
/// A <c>/console</c> link's two steps: GET shows a Sign in button (a link preview never spends the link), POST redeems
/// the token once and starts the browser session; and signing out.
/// </summary>
internal static class LinkSignInEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder pages)
    {
        app.MapGet(ConsoleRoutes.Login, ShowSignIn);
        // Antiforgery is checked here rather than by the middleware, with the Origin and rate limit before the token.
        app.MapPost(ConsoleRoutes.Login, SignInAsync).DisableAntiforgery();
        pages.MapPost("/logout", (Delegate)SignOutAsync).DisableAntiforgery();
    }

    private static IResult ShowSignIn(HttpContext http, IAntiforgery antiforgery, string? token)
    {
        // The token in the address must not travel to another site in a Referer header ("no-referrer" would also make
        // the form's Origin "null", which the Origin check refuses).
        http.Response.Headers["Referrer-Policy"] = "same-origin";
        if (!SignInLinks.IsWellFormed(token))
            return ConsolePage.Refusal(StatusCodes.Status400BadRequest, "This sign-in link is incomplete: copy the whole link, or send /console to the bot for a new one.");
        return ConsolePage.Render<LinkSignInPage>(parameters: new { Token = token!, Tokens = antiforgery.GetAndStoreTokens(http) });
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, SignInLinks links, SignInAttempts attempts, IOptions<ModeratorConsoleOptions> options)
    {
        if (!CrossSiteChecks.FromOwnOrigin(http.Request, options.Value, required: false))
            return ConsolePage.Refusal(StatusCodes.Status403Forbidden, "Refused: the sign-in did not come from the console's own page.");
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
            return ConsolePage.Refusal(StatusCodes.Status400BadRequest, "The sign-in form has expired: open the link again.");
        if (!attempts.TryCount(http))
            return ConsolePage.Refusal(StatusCodes.Status429TooManyRequests, "Too many sign-in attempts: wait a minute.");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (await links.RedeemAsync(form["token"].ToString(), http.RequestAborted) is not { } moderator)
            return ConsolePage.Refusal(StatusCodes.Status401Unauthorized, "This sign-in link was already used or has expired: send /console to the bot for a new one.");

        var signedIn = new SignedInModerator(moderator.Channel, moderator.UserId, moderator.Community, Language: null, SignInMethod.Link);
        await http.SignInAsync(ConsoleAuthentication.CookieScheme, signedIn.ToPrincipal(ConsoleAuthentication.CookieScheme),
            new AuthenticationProperties { IsPersistent = true });
        return Results.Redirect(ConsoleRoutes.Root, permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(ConsoleAuthentication.CookieScheme);
        return Results.Redirect(ConsoleRoutes.Root);
    }
}
