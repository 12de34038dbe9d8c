using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>
/// Download links for a moderator signed in by a Mini App's initData. A download is fetched without the initData header
/// (by the frame's browser, or by Telegram's client through <c>downloadFile</c>), so its link carries a ticket instead:
/// the moderator and the download's path, protected by ASP.NET Core Data Protection and valid 5 minutes.
/// <see cref="ConsoleGate"/> takes a ticket only on endpoints marked <see cref="ConsoleGate.AcceptsDownloadTicket"/>.
/// </summary>
internal sealed class DownloadTickets(IDataProtectionProvider protection)
{
    public const string QueryName = "ticket";

    public static TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(5);

    // Its own purpose: no other protected payload (a session cookie, an antiforgery token) reads as a ticket.
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("HelpBot.ModeratorConsole.DownloadTicket.v1").ToTimeLimitedDataProtector();

    /// <summary>
    /// <paramref name="path"/> as a download link for the request's moderator: with a ticket when the request was signed
    /// in by initData; as it is for a cookie session, whose browser sends the cookie with the download.
    /// </summary>
    public string LinkFor(HttpContext signedIn, string path)
    {
        ArgumentNullException.ThrowIfNull(signedIn);
        if (signedIn.User.Identity?.AuthenticationType != ConsoleAuthentication.MiniAppScheme || SignedInModerator.From(signedIn.User) is not { } moderator)
            return path;
        // The protector checks the expiry against the system clock, so it is set by that clock too.
        return path + "?" + QueryName + "=" + Uri.EscapeDataString(Issue(moderator, path, DateTimeOffset.UtcNow + Lifetime));
    }

    public string Issue(SignedInModerator moderator, string path, DateTimeOffset expires) =>
        _protector.Protect(JsonSerializer.Serialize(new Ticket(moderator, path)), expires);

    /// <summary>The moderator <paramref name="ticket"/> was issued to, when it is genuine, unexpired and for <paramref name="path"/>; else why not.</summary>
    public (SignedInModerator? Moderator, string? Refusal) Redeem(string ticket, string path)
    {
        Ticket? redeemed;
        try
        {
            redeemed = JsonSerializer.Deserialize<Ticket>(_protector.Unprotect(ticket));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Data Protection tells a forged payload from an expired one only in its exception's message.
            return (null, "the link was not made by this console, or has expired: reload the page for a new one");
        }
        return redeemed is not null && redeemed.Path == path
            ? (redeemed.Moderator, null)
            : (null, "the link is for another download");
    }

    private sealed record Ticket(SignedInModerator Moderator, string Path);
}
