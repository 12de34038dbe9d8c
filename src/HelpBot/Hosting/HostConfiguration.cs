namespace HelpBot.Hosting;

/// <summary>The configuration sources of the bot and of the commands that use its settings (storage commands).</summary>
public static class HostConfiguration
{
    /// <summary>
    /// Tokens may live in user secrets in any environment (not only Development); the environment and the
    /// command line are added again after them so that they still win.
    /// </summary>
    public static void AddBotSources(IConfigurationManager configuration, string[] settingsArgs)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.AddUserSecrets<Program>(optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(settingsArgs);
    }
}
