using System.Threading.RateLimiting;
using HelpBot.ModeratorConsole.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>
/// Sign-in attempts per client IP address and minute (ASP.NET Core's fixed-window rate limiter, partitioned by address):
/// every link sign-in counts, and every refused initData or download ticket. Behind a proxy the address is the proxy's
/// unless forwarded headers are configured.
/// </summary>
internal sealed class SignInAttempts(IOptions<ModeratorConsoleOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInAttemptsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Counts an attempt; false when the address has used up its attempts this minute.</summary>
    public bool TryCount(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
