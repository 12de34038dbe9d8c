using HelpBot.Channels.Discord;
using HelpBot.Channels.Discord.Commands;
using HelpBot.Channels.Discord.Rest;
using HelpBot.Hosting;
using Microsoft.Extensions.Options;

namespace HelpBot.Commands;

/// <summary>
/// <c>helpbot discord register-commands</c>: overwrites the slash commands (global, or <c>Discord:GuildId</c>'s) with the
/// bot's. Configuration as for the bot: appsettings, environment (<c>Discord__BotToken</c>), user secrets in Development.
/// </summary>
internal static class DiscordRegisterCommandsCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddDialogCore();
        builder.AddDiscordCommandRegistration();
        using var host = builder.Build();
        try
        {
            var options = host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
            if (string.IsNullOrWhiteSpace(options.BotToken))
            {
                await Console.Error.WriteLineAsync("Discord:BotToken is not set (environment Discord__BotToken or user secrets).");
                return 2;
            }
            var registrar = host.Services.GetRequiredService<DiscordCommandRegistrar>();
            var count = await registrar.RegisterAsync(CancellationToken.None);
            await Console.Out.WriteLineAsync($"Registered {count} slash commands ({registrar.Scope}).");
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (Exception ex) when (ex is DiscordRestException or HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync("Registering the commands failed: " + ex.Message);
            return 1;
        }
    }
}
