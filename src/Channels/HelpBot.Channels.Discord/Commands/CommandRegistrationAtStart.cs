using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Commands;

/// <summary>
/// With <see cref="DiscordOptions.RegisterCommandsAtStart"/>, overwrites the commands once the bot is up.
/// A failure is logged and the bot keeps serving: the commands registered before still work.
/// </summary>
internal sealed class CommandRegistrationAtStart(
    DiscordCommandRegistrar registrar,
    IOptions<DiscordOptions> options,
    ILogger<CommandRegistrationAtStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RegisterCommandsAtStart)
            return;
        try
        {
            await registrar.RegisterAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.CommandRegistrationFailed(logger, ex);
        }
    }
}
