using HelpBot.Channels.Discord.Interactions;
using HelpBot.Channels.Discord.Rendering;
using HelpBot.Channels.Discord.Rest;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Channels.Discord.Delivery;

/// <summary>
/// Posts the engine's outbox messages as the bot: a question to the moderators' channel, an answer to the asker
/// in a DM (never in the server channel, where everyone would see it). Needs the bot token and the bot in the server;
/// a failure (no token, DMs closed) throws, so the outbox retries and moderators see it as pending.
/// </summary>
internal sealed class DiscordChannelSender(DiscordRestClient rest) : IChannelSender
{
    public string Channel => InteractionRouter.ChannelName;

    public async Task<string> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var channelId = message.RecipientUserId is { Length: > 0 } user
            ? await rest.CreateDmChannelAsync(user, cancellationToken)
            : message.ChatId;
        string? last = null;
        foreach (var payload in ReplyRenderer.Render(new Reply(message.ToMessage())))
            last = await rest.CreateMessageAsync(channelId, payload, cancellationToken);
        return last ?? throw new InvalidOperationException("The outbox message has no text");
    }
}
