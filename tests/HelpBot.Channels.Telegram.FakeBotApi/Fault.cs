namespace HelpBot.Channels.Telegram.FakeBotApi;

/// <summary>An error the fake answers instead of the next call of a method: an API error, a dropped connection, or a slow answer.</summary>
public sealed record Fault(int Status, string Description, int? RetryAfter = null, bool DropConnection = false, TimeSpan Delay = default)
{
    /// <summary>The call succeeds, but only after <paramref name="delay"/> (real time): a send still in flight when something happens.</summary>
    public static Fault Slow(TimeSpan delay) => new(200, "", Delay: delay);

    public static Fault TooManyRequests(int retryAfter) => new(429, $"Too Many Requests: retry after {retryAfter}", retryAfter);

    public static Fault ServerError(int status = 502) => new(status, "Bad Gateway");

    public static Fault ConnectionDrop() => new(0, "", DropConnection: true);

    public static Fault BadRequest(string description) => new(400, "Bad Request: " + description);
}
