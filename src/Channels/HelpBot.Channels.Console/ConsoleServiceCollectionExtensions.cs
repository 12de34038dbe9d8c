using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpBot.Channels.Console;

public static class ConsoleServiceCollectionExtensions
{
    /// <summary>Registers the terminal chat on the process's standard input and output.</summary>
    public static IHostApplicationBuilder AddConsoleChannel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<ConsoleOptions, ConsoleOptionsValidator>()
            .BindConfiguration(ConsoleOptions.SectionName);
        builder.Services.AddSingleton(new ConsoleIo(System.Console.In, System.Console.Out, inputIsTerminal: !System.Console.IsInputRedirected));
        // Also a singleton, so that the host can ask it how the chat ended.
        builder.Services.AddSingleton<ConsoleChannel>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConsoleChannel>());
        return builder;
    }
}
