namespace HelpBot.Channels.Discord.Interactions;

/// <summary>Discord's interaction types.</summary>
internal enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}
