using Telegram.Bot.Exceptions;

namespace HelpBot.Channels.Telegram.Sending;

/// <summary>A one-line reason for a failed Bot API call, for logs: Telegram's own description, never the token.</summary>
internal static class FailureReason
{
    public static string Describe(Exception exception, string token)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var reason = exception switch
        {
            ApiRequestException api => $"{api.ErrorCode} {api.Message}",
            RequestException { HttpStatusCode: { } status } request => $"HTTP {(int)status}: {request.Message}",
            RequestException request when request.InnerException is { } inner => $"{request.Message} ({inner.Message})",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
        // Request URLs carry the token; no message should, but a leak through an inner exception is not worth the risk.
        return string.IsNullOrEmpty(token) ? reason : reason.Replace(token, "<token>", StringComparison.Ordinal);
    }

    /// <summary>Telegram refused the request itself (4xx other than 429): sending it again cannot help.</summary>
    public static bool IsPermanent(Exception exception) => exception switch
    {
        ApiRequestException { ErrorCode: 429 or >= 500 } => false,
        ApiRequestException => true,
        RequestException { HttpStatusCode: { } status } => (int)status is >= 400 and < 500 and not 429,
        _ => false,
    };

    public static bool Is(Exception exception, string descriptionFragment) =>
        exception is ApiRequestException api && api.Message.Contains(descriptionFragment, StringComparison.OrdinalIgnoreCase);
}
