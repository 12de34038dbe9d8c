using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Webhook;

public static class WebhookEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>POST</c> at the path of <see cref="TelegramOptions.WebhookUrl"/> to the Telegram webhook.</summary>
    public static IEndpointConventionBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TelegramOptions>>().Value;
        var path = options.WebhookUrl is { IsAbsoluteUri: true } url ? url.AbsolutePath : "/telegram/webhook";
        return endpoints.MapPost(path, (HttpRequest request, WebhookEndpoint endpoint) => endpoint.HandleAsync(request))
            .WithName("TelegramWebhook")
            .DisableAntiforgery();
    }
}
