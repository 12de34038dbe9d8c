using HelpBot.Channels.Discord.Interactions;
using HelpBot.Channels.Telegram.Webhook;
using HelpBot.Commands;
using HelpBot.Engine.Content;
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
}

// appsettings.json ships beside the binary; the working directory is the user's (data/ goes there).
var settingsArgs = CommandLineArgs.Normalize(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settingsArgs, ContentRootPath = AppContext.BaseDirectory });

// Tokens may live in user secrets in any environment (not only Development); the environment and the
// command line are added again after them so that they still win.
builder.Configuration.AddUserSecrets<Program>(optional: true, reloadOnChange: false);
builder.Configuration.AddEnvironmentVariables();
builder.Configuration.AddCommandLine(settingsArgs);
var plan = ChannelPlan.From(builder.Configuration);

// Content, engine, storage, and the channels the configuration turns on.
builder.AddHelpBot(plan);

var app = builder.Build();

// Invalid content stops the start with every error listed, rather than serving half a guide.
try
{
    _ = app.Services.GetRequiredService<IContentProvider>().Current;
}
catch (ContentValidationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

// HTTP endpoints of the channels that receive them.
if (plan.Discord)
    app.MapDiscordInteractions();
if (plan.TelegramWebhook)
    app.MapTelegramWebhook();

try
{
    await app.RunAsync();
}
catch (OptionsValidationException ex)
{
    // A bad setting stops the start with a message naming it, not a stack trace.
    await Console.Error.WriteLineAsync("Configuration is invalid: " + string.Join("; ", ex.Failures));
    return 3;
}
return 0;

/// <summary>Entry point, visible to tests that start the host.</summary>
public partial class Program;
