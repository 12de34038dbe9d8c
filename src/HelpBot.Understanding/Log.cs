using Microsoft.Extensions.Logging;

namespace HelpBot.Understanding;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Free-text reader of {Examples} examples {How} in {Milliseconds:F0} ms")]
    public static partial void Ready(ILogger logger, int examples, string how, double milliseconds);

    [LoggerMessage(2, LogLevel.Error, "Retraining the free-text reader failed; the previous model stays in use")]
    public static partial void RetrainFailed(ILogger logger, Exception exception);
}
