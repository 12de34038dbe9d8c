namespace HelpBot.Engine.Storage;

/// <summary>
/// A commit refused because another instance got there first: the user's state changed since it was read, or the
/// delivery was already handled. Nothing of the turn was written; the engine runs the turn again on fresh state.
/// </summary>
public sealed class TurnConflictException : Exception
{
    public TurnConflictException()
    {
    }

    public TurnConflictException(string message)
        : base(message)
    {
    }

    public TurnConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
