using HelpBot.Engine.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpBot.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// The outbox delivery loop from section <c>Delivery</c>, validated at start. It needs an
    /// <see cref="Engine.Storage.IOutboxStore"/> and sends through every registered <see cref="IChannelSender"/>.
    /// Register it before the channels, so that it stops after them and sends their last replies.
    /// </summary>
    public static IHostApplicationBuilder AddOutboxDelivery(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<DeliveryOptions, DeliveryOptionsValidator>()
            .BindConfiguration(DeliveryOptions.SectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<OutboxFeed>();
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<DeliveryMetrics>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        return builder;
    }
}
