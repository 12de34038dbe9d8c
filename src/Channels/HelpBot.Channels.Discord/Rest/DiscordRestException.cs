namespace HelpBot.Channels.Discord.Rest;

/// <summary>Discord refused a REST call. The message names the route template, never the URL (it may hold a token).</summary>
public sealed class DiscordRestException : Exception
{
    public DiscordRestException()
    {
    }

    public DiscordRestException(string message) : base(message)
    {
    }

    public DiscordRestException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DiscordRestException(string route, int status, int? code, string? detail, TimeSpan? retryAfter = null)
        : base($"Discord answered {status} to {route}" + (code is null ? "" : $" (code {code}: {detail})"))
    {
        Route = route;
        Status = status;
        Code = code;
        RetryAfter = retryAfter;
    }

    public string? Route { get; }

    public int Status { get; }

    /// <summary>Discord's JSON error code, e.g. 50035 for an invalid form body.</summary>
    public int? Code { get; }

    /// <summary>With a 429: how long Discord asked to wait (<c>Retry-After</c> or <c>retry_after</c>).</summary>
    public TimeSpan? RetryAfter { get; }
}
