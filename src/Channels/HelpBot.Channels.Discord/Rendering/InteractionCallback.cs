namespace HelpBot.Channels.Discord.Rendering;

/// <summary>An interaction response, the body of our answer to Discord's POST.</summary>
internal sealed record InteractionCallback(InteractionCallbackType Type, CallbackData? Data = null)
{
    public static readonly InteractionCallback Pong = new(InteractionCallbackType.Pong);
}
