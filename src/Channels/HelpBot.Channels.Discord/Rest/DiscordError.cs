using System.Globalization;
using System.Net;
using System.Text.Json;

namespace HelpBot.Channels.Discord.Rest;

/// <summary>
/// Discord's error body, <c>{"code","message"}</c>, and for a 429 <c>{"retry_after","global"}</c> beside the
/// <c>Retry-After</c> and <c>X-RateLimit-Global</c> headers. Anything unreadable counts as absent.
/// </summary>
internal sealed record DiscordError(int? Code, string? Message, TimeSpan? RetryAfter, bool Global)
{
    public static async Task<DiscordError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        int? code = null;
        string? message = null;
        TimeSpan? retryAfter = null;
        var global = RateLimitTracker.Header(response.Headers, "X-RateLimit-Global") is not null;
        try
        {
            // Buffered: the pipeline reads it to decide, then the client reads it again to report.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = root.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
                message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                retryAfter = root.TryGetProperty("retry_after", out var r) && r.ValueKind == JsonValueKind.Number
                    ? RateLimitTracker.Seconds(r.GetDouble().ToString(CultureInfo.InvariantCulture))
                    : null;
                global |= root.TryGetProperty("global", out var g) && g.ValueKind == JsonValueKind.True;
            }
        }
        catch (JsonException)
        {
            // Not Discord's JSON (a proxy's page): status only.
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            retryAfter ??= RateLimitTracker.Seconds(RateLimitTracker.Header(response.Headers, "Retry-After")) ?? TimeSpan.FromSeconds(1);
        return new DiscordError(code, message, retryAfter, global);
    }
}
