using HelpBot.ModeratorConsole.Hosting;
using Microsoft.AspNetCore.Http;

namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>
/// The Origin rule for requests that change something: a browser names the page a request comes from in Origin, and
/// only the console's own origin (as requested, or as <c>ModeratorConsole:PublicUrl</c> behind a proxy) may post.
/// </summary>
internal static class CrossSiteChecks
{
    public static bool ChangesState(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    /// <summary>
    /// True when the request's Origin is the console's own. A missing Origin passes when <paramref name="required"/> is
    /// false (old clients; the antiforgery token still guards those requests), and fails when it is true.
    /// </summary>
    public static bool FromOwnOrigin(HttpRequest request, ModeratorConsoleOptions options, bool required)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return !required;
        if (string.Equals(origin, request.Scheme + "://" + request.Host.Value, StringComparison.OrdinalIgnoreCase))
            return true;
        return options.PublicUrl is { } publicUrl
               && string.Equals(origin, publicUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }
}
