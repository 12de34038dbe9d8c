using System.Globalization;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace HelpBot.ModeratorConsole.Pages;

/// <summary>What the desk pages (review queue, questions) share: the acting moderator, paging and form input, outcomes as fragments.</summary>
internal static class DeskRequests
{
    /// <summary>Items a page: each review item is read by the reader for its guesses, so pages stay small.</summary>
    public const int PageSize = 25;

    /// <summary>
    /// The next items for a desk page's "More" as <typeparamref name="TFragment"/> (parameters Items, Skip, Total):
    /// <paramref name="skip"/> is how many still wait on the page (absent: 0; anything but a non-negative number is
    /// refused, naming the page's <paramref name="itemsName"/>); <paramref name="list"/> reads the page from there.
    /// </summary>
    public static async Task<IResult> MoreAsync<TFragment>(string? skip, string itemsName, Func<int, Task<(object Items, int Total)>> list)
        where TFragment : IComponent
    {
        var from = 0;
        if (!string.IsNullOrEmpty(skip) && !(int.TryParse(skip, NumberStyles.None, CultureInfo.InvariantCulture, out from) && from >= 0))
            return ConsolePage.Refusal(StatusCodes.Status400BadRequest, $"skip must be a whole number of {itemsName}, 0 or more.");
        var (items, total) = await list(from);
        return ConsolePage.Render<TFragment>(parameters: new { Items = items, Skip = from, Total = total });
    }

    /// <summary>The posted form, or null when the request has none (the gate has checked its antiforgery token).</summary>
    public static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;

    /// <summary>
    /// An outcome with its status: for htmx, <typeparamref name="TFragment"/> to swap in place (console.js/desk.js swap
    /// error statuses of desk forms too); for any other client a plain refusal page when it is an error.
    /// </summary>
    public static IResult Outcome<TFragment>(HttpRequest request, int statusCode, string reason, object parameters) where TFragment : IComponent =>
        statusCode >= 400 && !request.Headers.ContainsKey("HX-Request")
            ? ConsolePage.Refusal(statusCode, reason)
            : ConsolePage.Render<TFragment>(statusCode, parameters);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string IsoTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
