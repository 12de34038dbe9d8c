using Microsoft.Extensions.Configuration;

namespace HelpBot.Hosting;

/// <summary>Which channels this run serves, read from configuration before services are registered.</summary>
public sealed record ChannelPlan(bool Console, bool Telegram, bool TelegramWebhook, bool Discord)
{
    /// <summary>Kestrel listens only when a channel receives HTTP: Telegram's webhook or Discord's interactions.</summary>
    public bool NeedsHttp => TelegramWebhook || Discord;

    public static ChannelPlan From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var telegram = !string.IsNullOrWhiteSpace(configuration["Telegram:Token"]);
        var webhook = telegram && string.Equals(configuration["Telegram:Mode"], "Webhook", StringComparison.OrdinalIgnoreCase);
        var discord = !string.IsNullOrWhiteSpace(configuration["Discord:PublicKey"]);
        var console = configuration.GetValue<bool>("Console:Enabled") || (!telegram && !discord);
        return new ChannelPlan(console, telegram, webhook, discord);
    }
}
