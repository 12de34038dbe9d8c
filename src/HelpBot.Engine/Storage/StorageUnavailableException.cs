namespace HelpBot.Engine.Storage;

/// <summary>
/// The configured storage cannot be used: a damaged or unreadable file, a read-only folder, an unreachable server.
/// The message is one line naming the place and what to do; the host prints it and stops instead of serving half-working.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception's message on one line, for the one-line reports above.</summary>
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = exception.Message.ReplaceLineEndings(" ").Trim();
        return exception.GetType().Name + ": " + (text.Length > 300 ? text[..300] + "…" : text);
    }
}
