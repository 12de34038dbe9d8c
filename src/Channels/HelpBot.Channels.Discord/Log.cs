using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Discord;

/// <summary>The channel's log messages. None carries a token, a body or a URL with a token in it.</summary>
internal static partial class Log
{
    private static readonly Func<ILogger, string, string, string?, IDisposable?> InteractionScopeFormat =
        LoggerMessage.DefineScope<string, string, string?>("{Channel} interaction {InteractionId} in chat {ChatId}");

    /// <summary>Every line logged while an interaction is answered (the engine's too) carries its id, channel and chat.</summary>
    public static IDisposable? InteractionScope(ILogger logger, string interactionId, string? chatId) => InteractionScopeFormat(logger, "discord", interactionId, chatId);

    [LoggerMessage(1, LogLevel.Information, "Refused a Discord request: signature {Check}")]
    public static partial void RejectedSignature(ILogger logger, Interactions.SignatureCheck check);

    [LoggerMessage(2, LogLevel.Information, "Refused a Discord request: body over {MaxBytes} bytes")]
    public static partial void BodyTooLarge(ILogger logger, int maxBytes);

    [LoggerMessage(3, LogLevel.Warning, "Refused a signed Discord request: {Problem}")]
    public static partial void RefusedInteraction(ILogger logger, string problem);

    [LoggerMessage(4, LogLevel.Information, "Deferred a Discord {Type} interaction: the reply was not ready in {DeferAfterMs} ms")]
    public static partial void Deferred(ILogger logger, Interactions.InteractionType type, double deferAfterMs);

    [LoggerMessage(5, LogLevel.Error, "A Discord interaction failed; the user was told it failed")]
    public static partial void InteractionFailed(ILogger logger, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "Sending a Discord follow-up failed; part of a reply was not delivered")]
    public static partial void FollowupFailed(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Discord {Route} failed (try {Attempt} of {MaxAttempts}), trying again in {Seconds:0.###} s: {Reason}")]
    public static partial void Retrying(ILogger logger, string route, int attempt, int maxAttempts, double seconds, string reason);

    [LoggerMessage(9, LogLevel.Information, "Registered {Count} Discord slash commands ({Scope})")]
    public static partial void CommandsRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(11, LogLevel.Information, "Stopping: finishing {Count} Discord follow-ups on their way")]
    public static partial void DrainingFollowups(ILogger logger, int count);
}
