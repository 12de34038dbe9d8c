using Microsoft.Extensions.Logging;

namespace HelpBot.Understanding;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Understanding index built: {Documents} texts, {Topics} topics in {Milliseconds:F0} ms")]
    public static partial void IndexBuilt(ILogger logger, int documents, int topics, double milliseconds);

    [LoggerMessage(2, LogLevel.Error, "Understanding index rebuild failed; the previous index stays in use")]
    public static partial void RebuildFailed(ILogger logger, Exception exception);
}
