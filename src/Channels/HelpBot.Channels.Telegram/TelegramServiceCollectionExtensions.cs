using HelpBot.Channels.Http;
using HelpBot.Channels.Telegram.Polling;
using HelpBot.Channels.Telegram.Sending;
using HelpBot.Channels.Telegram.Setup;
using HelpBot.Channels.Telegram.Updates;
using HelpBot.Channels.Telegram.Webhook;
using HelpBot.Engine.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace HelpBot.Channels.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Telegram channel from section <c>Telegram</c>, validated at start. It needs an
    /// <see cref="Engine.Dialog.IDialogEngine"/> and an <see cref="Engine.Content.IContentProvider"/>; in webhook mode
    /// also call <see cref="WebhookEndpointRouteBuilderExtensions.MapTelegramWebhook"/>.
    /// </summary>
    public static IHostApplicationBuilder AddTelegramChannel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<TelegramOptions, TelegramOptionsValidator>()
            .BindConfiguration(TelegramOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramModeOptionsValidator>());
        AddSending(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, TelegramChannelSender>());

        // Updates: one handler per kind behind one switch, run in order per chat.
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<Moderators>();
        services.AddSingleton<MessageHandler>();
        services.AddSingleton<CallbackAnswers>();
        services.AddSingleton<CallbackQueryHandler>();
        services.AddSingleton<UpdateHandler>();
        services.AddSingleton<UpdateDispatcher>();
        services.AddSingleton<WebhookEndpoint>();

        // Registered before the receivers so that it stops after them and can finish the updates in flight.
        services.AddHostedService(sp => sp.GetRequiredService<UpdateDispatcher>());
        // Polling runs only in its mode; the setup (webhook or not, command menus) in the background in both.
        services.AddHostedService<PollingService>();
        services.TryAddSingleton<ChannelSetup>();
        services.AddSingleton<BotSetup>();
        services.AddHostedService(sp => sp.GetRequiredService<BotSetup>());
        return builder;
    }

    /// <summary>The Bot API clients and what sends through them; needs <see cref="TelegramOptions"/> (and a logger factory).</summary>
    internal static void AddSending(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // One attempt per call where another layer retries, a retry pipeline for the rest, a short one for callback answers (see TelegramHttp).
        TelegramHttp.AddClients(services);
        services.AddSingleton<ITelegramBotClient>(sp => CreateClient(sp, TelegramHttp.Once));
        services.AddKeyedSingleton<ITelegramBotClient>(TelegramHttp.Retried, (sp, _) => CreateClient(sp, TelegramHttp.Retried));
        services.AddKeyedSingleton<ITelegramBotClient>(TelegramHttp.CallbackAnswer, (sp, _) => CreateClient(sp, TelegramHttp.CallbackAnswer));
        // The rate limits under the reply delivery.
        services.AddSingleton<SendRateLimiter>();
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<ReplySender>();
    }

    private static TelegramBotClient CreateClient(IServiceProvider services, string httpClientName) => CreateClient(
        services.GetRequiredService<IOptions<TelegramOptions>>().Value,
        services.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName));

    internal static TelegramBotClient CreateClient(TelegramOptions options, HttpClient httpClient) =>
        new(new TelegramBotClientOptions(options.Token, options.ApiBaseUrl?.GetLeftPart(UriPartial.Authority))
        {
            // Telegram.Bot's own 429 retry stays off: the outbox and the TelegramHttp pipeline decide what is retried.
            RetryThreshold = 0,
        }, httpClient);
}
