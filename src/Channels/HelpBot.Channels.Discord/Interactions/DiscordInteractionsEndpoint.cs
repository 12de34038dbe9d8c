using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace HelpBot.Channels.Discord.Interactions;

public static class DiscordInteractionsEndpoint
{
    /// <summary>The path to give Discord as the Interactions Endpoint URL (behind your public HTTPS address).</summary>
    public const string Pattern = "/discord/interactions";

    /// <summary>Maps <c>POST /discord/interactions</c>: Discord's signed interactions in, interaction responses out.</summary>
    public static IEndpointConventionBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(Pattern, (HttpContext context, [FromServices] InteractionEndpointHandler handler) => handler.HandleAsync(context))
            .WithName("DiscordInteractions")
            .ExcludeFromDescription();
    }
}
