namespace HelpBot.Channels.Discord.Rendering;

/// <summary>Discord's interaction callback types, the ones this bot answers with.</summary>
internal enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    Modal = 9,
}
