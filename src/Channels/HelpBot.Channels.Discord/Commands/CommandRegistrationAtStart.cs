using HelpBot.Channels.Discord.Interactions;
using HelpBot.Channels.Discord.Rest;
using HelpBot.Channels.Http;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Commands;

/// <summary>
/// With <see cref="DiscordOptions.RegisterCommandsAtStart"/>, overwrites the commands in the background once the bot
/// is up, tried until Discord takes them (<see cref="ChannelSetup"/>); the interactions endpoint serves meanwhile, with
/// the commands registered before. <paramref name="registrar"/> sends through the one-attempt client: this is the retry.
/// </summary>
internal sealed class CommandRegistrationAtStart(
    DiscordCommandRegistrar registrar,
    IOptions<DiscordOptions> options,
    ChannelSetup setup) : ChannelSetupService(setup)
{
    protected override string Channel => InteractionRouter.ChannelName;

    protected override IReadOnlyList<SetupStep> Steps() =>
        options.Value.RegisterCommandsAtStart ? [new SetupStep("command registration", registrar.RegisterAsync)] : [];

    protected override SetupFailure? Read(Exception exception) => exception switch
    {
        // Discord refused the commands or the token (4xx but 429): the same request cannot fare better.
        DiscordRestException { Status: >= 400 and < 500 and not 429 } refused => new SetupFailure(refused.Message, Refused: true),
        DiscordRestException failed => new SetupFailure(failed.Message, Refused: false, failed.RetryAfter),
        HttpRequestException or OperationCanceledException => new SetupFailure(Describe(exception), Refused: false),
        // Anything else is not Discord's answer: logged, and the bot serves on with the commands it had.
        _ => new SetupFailure(Describe(exception), Refused: true),
    };

    private static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
