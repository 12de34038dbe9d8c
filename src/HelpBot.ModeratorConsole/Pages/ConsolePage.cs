using HelpBot.ModeratorConsole.Pages.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpBot.ModeratorConsole.Pages;

/// <summary>A console page as an endpoint's result: a Razor component rendered on the server, no interactivity.</summary>
public static class ConsolePage
{
    /// <summary>Renders <typeparamref name="TPage"/> with <paramref name="parameters"/> (an anonymous object or a dictionary).</summary>
    public static IResult Render<TPage>(int statusCode = StatusCodes.Status200OK, object? parameters = null) where TPage : IComponent =>
        new RazorComponentResult<TPage>(parameters ?? new Dictionary<string, object?>())
        {
            StatusCode = statusCode,
            // Rendered whole before the response starts, so that its status code stands and nothing half-rendered is shown.
            PreventStreamingRendering = true,
        };

    /// <summary>A refusal with its reason, as a page (its <c>#refusal</c> element is what console.js shows after an htmx request).</summary>
    public static IResult Refusal(int statusCode, string reason) =>
        Render<RefusalPage>(statusCode, new { Reason = reason });
}
