using HelpBot.Commands;

namespace HelpBot.Hosting;

/// <summary>A host with the dialog core only (no storage, no channels) for commands such as replay.</summary>
public static class CoreHost
{
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDialogCore();
        builder.Services.AddSingleton<ReplaySessions>();
        return builder.Build();
    }
}
