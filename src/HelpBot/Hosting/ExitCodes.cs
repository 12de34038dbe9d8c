namespace HelpBot.Hosting;

/// <summary>How the bot's process ends, for service managers and scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A command found a problem (check-storage: the storage is unusable).</summary>
    public const int Failed = 1;

    /// <summary>The content does not load (every error is listed).</summary>
    public const int BadContent = 2;

    /// <summary>A setting is wrong or the storage it names cannot be used: one line says which and what to do.</summary>
    public const int BadSettings = 3;

    /// <summary>
    /// No channel is configured and standard input is no terminal and ended at once (a container run without a token
    /// or <c>-it</c>): not a clean finish, since nothing was served.
    /// </summary>
    public const int NoChannel = 4;
}
