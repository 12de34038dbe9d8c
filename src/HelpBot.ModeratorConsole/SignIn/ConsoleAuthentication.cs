namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>The console's authentication schemes and cookie names (the host may have others).</summary>
public static class ConsoleAuthentication
{
    /// <summary>The browser session after a link sign-in: an HttpOnly, Secure, SameSite=Strict cookie with a sliding expiry.</summary>
    public const string CookieScheme = "HelpBot.Console";

    /// <summary>The identity of a request signed by a Telegram Mini App's initData (no cookie: Telegram runs the page in a frame).</summary>
    public const string MiniAppScheme = "HelpBot.Console.TelegramMiniApp";

    /// <summary>The identity of a download signed by a ticket issued to a Mini App's moderator (<see cref="DownloadTickets"/>).</summary>
    public const string DownloadTicketScheme = "HelpBot.Console.DownloadTicket";

    public const string SessionCookie = "helpbot_console";
    public const string AntiforgeryCookie = "helpbot_console_csrf";
}
