using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace HelpBot.Channels.Discord.Rest;

/// <summary>
/// Remembers, per route, until when Discord said to hold off: a bucket whose <c>X-RateLimit-Remaining</c> hit 0
/// (for <c>X-RateLimit-Reset-After</c> seconds) or a 429's <c>retry_after</c>, which may be global. Only routes
/// that are waiting are kept, so the table stays small however many interactions pass.
/// </summary>
internal sealed class RateLimitTracker(TimeProvider time)
{
    private const string Global = "*";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);

    public async Task WaitAsync(string route, CancellationToken cancellationToken)
    {
        var until = Until(route) > Until(Global) ? Until(route) : Until(Global);
        var wait = until - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, time, cancellationToken);
        Forget(route);
        Forget(Global);
    }

    /// <summary>Reads the bucket headers of any response.</summary>
    public void Observe(string route, HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (Header(headers, "X-RateLimit-Remaining") == "0" && Seconds(Header(headers, "X-RateLimit-Reset-After")) is { } resetAfter)
            _blockedUntil[route] = time.GetUtcNow() + resetAfter;
        else
            _blockedUntil.TryRemove(route, out _);
    }

    public void Block(string route, TimeSpan wait, bool global) =>
        _blockedUntil[global ? Global : route] = time.GetUtcNow() + wait;

    public static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    public static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private DateTimeOffset Until(string key) => _blockedUntil.TryGetValue(key, out var until) ? until : DateTimeOffset.MinValue;

    private void Forget(string key)
    {
        if (_blockedUntil.TryGetValue(key, out var until) && until <= time.GetUtcNow())
            _blockedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, until));
    }
}
