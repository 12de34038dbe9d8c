namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>What the fake Discord API answers to one request.</summary>
public sealed record FakeResponse(int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>200 with an id, as Discord answers with a created message or channel.</summary>
    public static readonly FakeResponse Ok = new(200, """{"id":"990000000000000099"}""");

    public static FakeResponse RateLimited(double retryAfter, bool global = false) => new(429,
        $$"""{"message":"You are being rate limited.","retry_after":{{retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"global":{{(global ? "true" : "false")}}}""",
        new Dictionary<string, string> { ["Retry-After"] = "1", ["X-RateLimit-Scope"] = global ? "global" : "user" });
}
