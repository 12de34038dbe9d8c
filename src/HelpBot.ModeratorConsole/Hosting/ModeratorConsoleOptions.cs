namespace HelpBot.ModeratorConsole.Hosting;

/// <summary>Section <c>ModeratorConsole</c>: the moderators' console at <c>/console</c>, served when HTTP is.</summary>
public sealed class ModeratorConsoleOptions
{
    public const string SectionName = "ModeratorConsole";

    /// <summary>Serves the console (and lets <c>/console</c> issue sign-in links). Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The bot's public base address as moderators' browsers and Telegram reach it (behind the TLS proxy), e.g.
    /// <c>https://bot.example.com</c>: sign-in links and the Mini App menu button point at <c>{PublicUrl}/console</c>.
    /// Required when enabled.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>How old a Telegram Mini App's initData (its <c>auth_date</c>) may be. Default 1 hour.</summary>
    public TimeSpan InitDataMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A browser session ends after this long without a request (sliding expiry). Default 8 hours.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in attempts (link sign-ins, refused initData and download tickets) per client IP address and minute. Default 10.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>How long a <c>/console</c> link stays valid (it is also single-use). 10 minutes.</summary>
    public static TimeSpan LinkLifetime { get; } = TimeSpan.FromMinutes(10);

    /// <summary><see cref="PublicUrl"/> with the console's path: where links and the menu button lead.</summary>
    public Uri ConsoleUrl => new(PublicUrl!.AbsoluteUri.TrimEnd('/') + ConsoleRoutes.Root);
}
