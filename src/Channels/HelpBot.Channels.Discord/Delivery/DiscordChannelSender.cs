using System.Net.Http;
using HelpBot.Channels.Discord.Interactions;
using HelpBot.Channels.Discord.Rendering;
using HelpBot.Channels.Discord.Rest;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HelpBot.Channels.Discord.Delivery;

/// <summary>
/// Posts the engine's outbox messages: the rest of a turn's reply as follow-ups of its interaction (only the user sees
/// them), a question to the moderators' channel as the bot, an answer to the asker in a DM (never in the server channel,
/// where everyone would see it). Rate limits, server errors and network errors are tried again later; Discord's other
/// refusals (no token, DMs closed, an interaction token past its 15 minutes) are final. Each call is tried once here
/// (<see cref="DiscordHttp.Once"/>): the outbox does the trying again.
/// </summary>
internal sealed class DiscordChannelSender([FromKeyedServices(DiscordHttp.Once)] DiscordRestClient rest, TimeProvider time) : IChannelSender
{
    /// <summary>How long Discord accepts follow-ups with an interaction's token.</summary>
    public static readonly TimeSpan InteractionTokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Discord's "Unknown Webhook": for a young interaction, its response has not reached Discord yet.</summary>
    private const int UnknownWebhook = 10015;

    public string Channel => InteractionRouter.ChannelName;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payloads = ReplyRenderer.Render(new Reply(message.ToMessage()));
        if (payloads.Count == 0)
            return SendOutcome.Refused("the message has no text");
        try
        {
            if (message.ReplyHandle is { Length: > 0 } interactionToken)
            {
                foreach (var payload in payloads)
                    await rest.CreateFollowupAsync(interactionToken, payload.AsEphemeral(), cancellationToken);
                return SendOutcome.Sent(null);
            }
            var channelId = message.RecipientUserId is { Length: > 0 } user
                ? await rest.CreateDmChannelAsync(user, cancellationToken)
                : message.ChatId;
            string? last = null;
            foreach (var payload in payloads)
                last = await rest.CreateMessageAsync(channelId, payload, cancellationToken);
            return SendOutcome.Sent(last);
        }
        catch (DiscordRestException ex) when (ex.Status is 429 or >= 500 or 0
                                              || (ex.Code == UnknownWebhook && time.GetUtcNow() - message.CreatedAt < InteractionTokenLifetime))
        {
            return SendOutcome.TryLater(ex.Message, ex.RetryAfter);
        }
        catch (DiscordRestException ex)
        {
            return SendOutcome.Refused(ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return SendOutcome.TryLater("no connection to Discord: " + ex.Message);
        }
    }
}
