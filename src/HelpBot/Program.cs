using HelpBot.Channels.Console;
using HelpBot.Channels.Discord.Interactions;
using HelpBot.Channels.Telegram.Webhook;
using HelpBot.Commands;
using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;
using HelpBot.Health;
using HelpBot.ModeratorConsole.Hosting;
using HelpBot.Hosting;
using Microsoft.Extensions.Options;

// Commands first: they use parts of the bot without running it.
switch (args)
{
    case ["replay", .. var paths]:
        return await ReplayCommand.RunAsync(paths, []);
    case ["validate-content", .. var rest]:
        return await ValidateContentCommand.RunAsync(rest);
    case ["eval", .. var rest]:
        return await EvalCommand.RunAsync(rest);
    case ["discord", "register-commands", .. var rest]:
        return await DiscordRegisterCommandsCommand.RunAsync(rest);
    case ["check-storage", .. var rest]:
        return await StorageCommands.CheckAsync(rest);
    case ["backup", .. var rest]:
        return await StorageCommands.BackupAsync(rest);
    case ["restore", .. var rest]:
        return await StorageCommands.RestoreAsync(rest);
    case ["healthcheck", .. var rest]:
        return await HealthCheckCommand.RunAsync(rest);
}

// appsettings.json ships beside the binary; the working directory is the user's (data/ goes there).
var settingsArgs = CommandLineArgs.Normalize(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settingsArgs, ContentRootPath = AppContext.BaseDirectory });

HostConfiguration.AddBotSources(builder.Configuration, settingsArgs);
var plan = ChannelPlan.From(builder.Configuration);

// Content, engine, storage, and the channels the configuration turns on.
builder.AddHelpBot(plan);

var app = builder.Build();

// Bad settings and unusable storage stop the start with one line each, before any channel starts.
try
{
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    _ = app.Services.GetRequiredService<IStorageHealth>();
}
catch (OptionsValidationException ex)
{
    return await BadSettingsAsync(ex);
}
catch (StorageUnavailableException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return ExitCodes.BadSettings;
}

// Invalid content stops the start with every error listed, rather than serving half a guide.
try
{
    _ = app.Services.GetRequiredService<IContentProvider>().Current;
}
catch (ContentValidationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return ExitCodes.BadContent;
}

// Health and metrics (served when Kestrel listens: a channel needs HTTP or addresses are configured), then the
// HTTP endpoints of the channels that receive them.
app.MapHealth();
if (plan.Discord)
    app.MapDiscordInteractions();
if (plan.TelegramWebhook)
    app.MapTelegramWebhook();
if (plan.ModeratorConsole)
    app.MapModeratorConsole();
else if (plan.ModeratorConsoleEnabled)
    await Console.Error.WriteLineAsync("ModeratorConsole:Enabled is set but no HTTP is served: set urls (ASPNETCORE_URLS) to serve the moderators' console.");

ConsoleChannel? console;
try
{
    // Taken before the run, which disposes the services, to be asked how the chat ended after it.
    console = app.Services.GetService<ConsoleChannel>();
    await app.RunAsync();
}
catch (OptionsValidationException ex)
{
    return await BadSettingsAsync(ex);
}

// With nothing to serve and nobody to chat with, exiting 0 would look like a clean finish to an orchestrator.
if (!plan.AnyChannel && console is { EndedBeforeInput: true })
{
    await Console.Error.WriteLineAsync("No channel is configured and standard input is not a terminal: set Telegram:Token " +
        "(Telegram__Token) or Discord:PublicKey (Discord__PublicKey), or run with a terminal for the console chat (docker run -it).");
    return ExitCodes.NoChannel;
}
return ExitCodes.Ok;

// A bad setting stops the start with a message naming it, not a stack trace.
static async Task<int> BadSettingsAsync(OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("Configuration is invalid: " + string.Join("; ", ex.Failures));
    return ExitCodes.BadSettings;
}

/// <summary>Entry point, visible to tests that start the host.</summary>
public partial class Program;
