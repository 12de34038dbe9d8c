using Microsoft.Extensions.Configuration;

namespace HelpBot.Hosting;

/// <summary>Which channels this run serves, read from configuration before services are registered.</summary>
public sealed record ChannelPlan(bool Console, bool Telegram, bool TelegramWebhook, bool Discord)
{
    /// <summary>Telegram or Discord is configured; without either the console chat is all there is.</summary>
    public bool AnyChannel => Telegram || Discord;

    /// <summary>A channel receives HTTP: Telegram's webhook or Discord's interactions.</summary>
    public bool NeedsHttp => TelegramWebhook || Discord;

    /// <summary>
    /// The operator named addresses (<c>urls</c>: <c>ASPNETCORE_URLS</c>, <c>--urls</c>; or <c>http_ports</c>, which
    /// the .NET container images set), so that /healthz, /readyz and /metrics answer even for a polling or console bot.
    /// </summary>
    public bool AddressesConfigured { get; init; }

    /// <summary>Kestrel listens when a channel needs it or addresses are configured; otherwise no port is opened.</summary>
    public bool ListensHttp => NeedsHttp || AddressesConfigured;

    /// <summary>The moderators' console is enabled (<c>ModeratorConsole:Enabled</c>) and served: it needs HTTP.</summary>
    public bool ModeratorConsole => ModeratorConsoleEnabled && ListensHttp;

    /// <summary><c>ModeratorConsole:Enabled</c> as set, served or not.</summary>
    public bool ModeratorConsoleEnabled { get; init; }

    public static ChannelPlan From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telegram = !string.IsNullOrWhiteSpace(configuration["Telegram:Token"]);
        var webhook = telegram && string.Equals(configuration["Telegram:Mode"], "Webhook", StringComparison.OrdinalIgnoreCase);
        var discord = !string.IsNullOrWhiteSpace(configuration["Discord:PublicKey"]);
        var console = configuration.GetValue<bool>("Console:Enabled") || (!telegram && !discord);
        var addresses = !string.IsNullOrWhiteSpace(configuration["urls"]) || !string.IsNullOrWhiteSpace(configuration["http_ports"]);
        return new ChannelPlan(console, telegram, webhook, discord)
        {
            AddressesConfigured = addresses,
            ModeratorConsoleEnabled = HelpBot.ModeratorConsole.Hosting.ModeratorConsoleServices.IsEnabled(configuration),
        };
    }
}
