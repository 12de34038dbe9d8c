using HelpBot.Channels.Telegram.Setup;
using HelpBot.Engine.Moderation;
using HelpBot.ModeratorConsole.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpBot.ModeratorConsole.Hosting;

public static class ModeratorConsoleServices
{
    /// <summary><c>ModeratorConsole:Enabled</c>, read before services are registered.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        configuration?.GetValue<bool>(ModeratorConsoleOptions.SectionName + ":" + nameof(ModeratorConsoleOptions.Enabled)) ?? false;

    /// <summary>
    /// The console's services, its settings validated at start; <see cref="IConsoleLinks"/> for the engine's
    /// <c>/console</c>; the moderators' Mini App menu button for the Telegram channel. Then call
    /// <see cref="ModeratorConsoleEndpoints.MapModeratorConsole"/>.
    /// </summary>
    public static IHostApplicationBuilder AddModeratorConsole(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<ModeratorConsoleOptions, ModeratorConsoleOptionsValidator>()
            .BindConfiguration(ModeratorConsoleOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddRazorComponents();

        services.AddAuthentication().AddCookie(ConsoleAuthentication.CookieScheme, cookie =>
        {
            cookie.Cookie.Name = ConsoleAuthentication.SessionCookie;
            cookie.Cookie.Path = ConsoleRoutes.Root;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.SlidingExpiration = true;
        });
        services.AddOptions<CookieAuthenticationOptions>(ConsoleAuthentication.CookieScheme)
            .Configure<IOptions<ModeratorConsoleOptions>>((cookie, console) => cookie.ExpireTimeSpan = console.Value.SessionIdleTimeout);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = ConsoleAuthentication.AntiforgeryCookie;
            antiforgery.Cookie.Path = ConsoleRoutes.Root;
            // Antiforgery refuses to issue an Always-Secure cookie on a plain-http request (a loopback test, or a TLS proxy
            // without forwarded headers); the token is worthless without the session cookie, which is always Secure.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.HeaderName = ConsoleRoutes.AntiforgeryHeader;
        });

        services.TryAddSingleton<ILinkTokenStore, InMemoryLinkTokenStore>();
        services.AddSingleton(sp => new SignInLinks(sp.GetRequiredService<ILinkTokenStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ModeratorConsoleOptions>>().Value.ConsoleUrl));
        services.AddSingleton<IConsoleLinks>(sp => sp.GetRequiredService<SignInLinks>());
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton<MiniAppSignIn>();
        services.AddSingleton<DownloadTickets>();
        services.AddSingleton<ConsoleGate>();
        // Read by the Telegram channel's setup, when that channel is on.
        services.AddSingleton(sp => new ModeratorMiniApp(sp.GetRequiredService<IOptions<ModeratorConsoleOptions>>().Value.ConsoleUrl, "Console"));
        return builder;
    }
}
