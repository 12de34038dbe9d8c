using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram;

/// <summary>Every log line of the channel. Reasons are Telegram's descriptions with the token masked; the token itself is never a parameter.</summary>
internal static partial class Log
{
    private static readonly Func<ILogger, string, int, long?, IDisposable?> UpdateScopeFormat =
        LoggerMessage.DefineScope<string, int, long?>("{Channel} update {UpdateId} in chat {ChatId}");

    /// <summary>Every line logged while an update is handled (the engine's and the sender's too) carries its id, channel and chat.</summary>
    public static IDisposable? UpdateScope(ILogger logger, int updateId, long? chatId) => UpdateScopeFormat(logger, "telegram", updateId, chatId);

    [LoggerMessage(1, LogLevel.Information, "Telegram: polling {Server} for updates")]
    public static partial void Polling(ILogger logger, string server);

    [LoggerMessage(2, LogLevel.Warning, "Telegram getUpdates failed, polling again in {DelaySeconds:0.#} s: {Reason}")]
    public static partial void PollingFailed(ILogger logger, string reason, double delaySeconds);

    [LoggerMessage(3, LogLevel.Warning, "Telegram update {UpdateId} could not be read and is skipped: {Error}")]
    public static partial void Unreadable(ILogger logger, int? updateId, string error);

    [LoggerMessage(4, LogLevel.Information, "Telegram webhook set to {Url}")]
    public static partial void WebhookSet(ILogger logger, string url);

    [LoggerMessage(5, LogLevel.Warning, "Telegram webhook call without the right secret header from {RemoteAddress} refused")]
    public static partial void WebhookRefused(ILogger logger, string remoteAddress);

    [LoggerMessage(6, LogLevel.Warning, "Telegram webhook body (update {UpdateId}) could not be read: {Error}")]
    public static partial void WebhookUnreadable(ILogger logger, int? updateId, string error);

    [LoggerMessage(7, LogLevel.Error, "Telegram {Method} failed: {Reason}")]
    public static partial void SetupFailed(ILogger logger, string method, string reason);

    [LoggerMessage(9, LogLevel.Debug, "Telegram update {UpdateId} ignored: {What}")]
    public static partial void Ignored(ILogger logger, int updateId, string what);

    [LoggerMessage(10, LogLevel.Error, "Telegram update {UpdateId} ({Kind}) failed")]
    public static partial void UpdateFailed(ILogger logger, Exception exception, int updateId, string kind);

    [LoggerMessage(11, LogLevel.Warning, "Telegram update {UpdateId} abandoned at shutdown")]
    public static partial void Abandoned(ILogger logger, int updateId);

    [LoggerMessage(12, LogLevel.Information, "Telegram: finishing {Count} updates before stopping")]
    public static partial void Draining(ILogger logger, int count);

    [LoggerMessage(EventId = 13, Message = "Telegram {Method} failed (try {Attempt} of {MaxAttempts}), trying again in {DelaySeconds:0.#} s: {Reason}")]
    public static partial void Retrying(ILogger logger, LogLevel level, string method, int attempt, int maxAttempts, double delaySeconds, string reason);

    [LoggerMessage(14, LogLevel.Error, "Telegram {Method} to chat {ChatId} failed for good, a reply message is lost: {Reason}")]
    public static partial void Undelivered(ILogger logger, string method, long chatId, string reason);

    [LoggerMessage(15, LogLevel.Information, "Telegram: the pressed message in chat {ChatId} cannot be edited, sending the screen as a new message: {Reason}")]
    public static partial void EditFallback(ILogger logger, long chatId, string reason);

    [LoggerMessage(16, LogLevel.Warning, "Telegram answerCallbackQuery failed, the button may spin until the client gives up: {Reason}")]
    public static partial void Unanswered(ILogger logger, string reason);

    [LoggerMessage(17, LogLevel.Warning, "Telegram getMe failed, so commands addressed as /command@name in groups are not recognised yet: {Reason}")]
    public static partial void IdentityUnknown(ILogger logger, string reason);

    [LoggerMessage(18, LogLevel.Information, "Telegram answerCallbackQuery throttled (retry after {RetryAfterSeconds} s), given up: the button may spin until the client gives up, the reply comes regardless")]
    public static partial void AnswerThrottled(ILogger logger, int retryAfterSeconds);

    [LoggerMessage(19, LogLevel.Information, "Telegram: finishing {Count} callback answers before stopping")]
    public static partial void DrainingAnswers(ILogger logger, int count);
}
