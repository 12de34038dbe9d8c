using HelpBot.Channels.Discord.Commands;
using HelpBot.Channels.Discord.Delivery;
using HelpBot.Channels.Discord.Interactions;
using HelpBot.Channels.Discord.Rest;
using HelpBot.Channels.Http;
using HelpBot.Engine.Content;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// The Discord channel: options from section <c>Discord</c> (validated at start), the interactions endpoint's
    /// services (map it with <see cref="DiscordInteractionsEndpoint.MapDiscordInteractions"/>), and command registration.
    /// Needs an <see cref="Engine.Dialog.IDialogEngine"/>, its content and its store.
    /// </summary>
    public static IHostApplicationBuilder AddDiscordChannel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddDiscordCommandRegistration();
        var services = builder.Services;
        services.AddSingleton<InteractionSignatureVerifier>();
        services.AddSingleton<InteractionRouter>();
        services.AddSingleton<TextModals>();
        services.AddSingleton<FollowupSender>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowupSender>());
        services.AddSingleton<InteractionResponder>();
        services.AddSingleton<InteractionEndpointHandler>();
        // Registration at start retries by itself (ChannelSetup), so it sends through the one-attempt client.
        services.TryAddSingleton<ChannelSetup>();
        services.AddHostedService(sp => new CommandRegistrationAtStart(
            Registrar(sp, sp.GetRequiredKeyedService<DiscordRestClient>(DiscordHttp.Once)),
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<ChannelSetup>()));
        services.AddSingleton<IChannelSender, DiscordChannelSender>();
        return builder;
    }

    /// <summary>Options, the REST client and <see cref="DiscordCommandRegistrar"/>: all that <c>discord register-commands</c> needs.</summary>
    public static IHostApplicationBuilder AddDiscordCommandRegistration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<DiscordOptions, DiscordOptionsValidator>()
            .BindConfiguration(DiscordOptions.SectionName);
        services.AddSingleton<IValidateOptions<DiscordOptions>, DiscordOptionsRules>();
        services.TryAddSingleton(TimeProvider.System);
        // Two clients: one attempt per call for the outbox, which retries; a retry pipeline for the rest (see DiscordHttp).
        DiscordHttp.AddClients(services);
        services.AddSingleton(sp => RestClient(sp, DiscordHttp.Retried));
        services.AddKeyedSingleton(DiscordHttp.Once, (sp, _) => RestClient(sp, DiscordHttp.Once));
        services.AddSingleton(sp => Registrar(sp, sp.GetRequiredService<DiscordRestClient>()));
        return builder;
    }

    /// <summary>Built by hand: its constructor takes the internal REST client, which the container only finds on public constructors.</summary>
    private static DiscordCommandRegistrar Registrar(IServiceProvider services, DiscordRestClient rest) => new(
        rest,
        services.GetRequiredService<IContentProvider>(),
        services.GetRequiredService<IOptions<DiscordOptions>>(),
        services.GetRequiredService<ILogger<DiscordCommandRegistrar>>(),
        services.GetService<DialogOptions>());

    private static DiscordRestClient RestClient(IServiceProvider services, string httpClientName) =>
        new(services.GetRequiredService<IHttpClientFactory>(), httpClientName, services.GetRequiredService<IOptions<DiscordOptions>>());
}
