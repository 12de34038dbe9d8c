using HelpBot.Channels.Discord.Rendering;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// Runs a routed interaction and chooses its answer. Discord wants one within 3 seconds: a reply ready in
/// <see cref="DiscordOptions.DeferAfter"/> (the guide's always is) goes back in the HTTP response itself; a slower one
/// is deferred (type 5, or 6 for a button) and finished through the webhook. Buttons that navigate the walkthrough
/// update their own message (type 7); everything else is a new message only the user sees (ephemeral).
/// </summary>
internal sealed class InteractionResponder(
    IDialogEngine engine,
    TextModals modals,
    FollowupSender followups,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<InteractionResponder> logger)
{
    public async Task<InteractionResponse> RespondAsync(InteractionRequest interaction, InteractionRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(route);
        var routed = route.Turn ?? throw new ArgumentException("A route without a turn is a refusal", nameof(route));
        if (route.Modal is { } form && await modals.CreateAsync(form, routed, cancellationToken) is { } modal)
            return new(new InteractionCallback(InteractionCallbackType.Modal, modal));
        // The first message answers the HTTP request (Discord wants one within 3 s); the rest wait in the outbox as
        // follow-ups through the interaction's token, so they survive a restart.
        var turn = routed with { ReplyRoute = new ReplyRoute { SentDirectly = 1, ReplyHandle = interaction.Token } };

        // On the thread pool, because a turn may do its slow part synchronously (free-text matching) and the
        // deadline must still fire. It runs to its end even if Discord hangs up or the host stops, so what it stored
        // and what the user sees agree (a deferred reply's follow-up, which awaits it, is finished on shutdown).
        var replyTask = Task.Run(() => ReplyAsync(turn, followups.Abandoned), CancellationToken.None);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var deferAfter = options.Value.DeferAfter;
            if (await Task.WhenAny(replyTask, Task.Delay(deferAfter, time, deadline.Token)) != replyTask)
            {
                Log.Deferred(logger, interaction.Type, deferAfter.TotalMilliseconds);
                return Deferred(interaction, replyTask);
            }
            await deadline.CancelAsync();
        }

        var reply = await replyTask;
        var messages = ReplyRenderer.Render(reply);
        if (messages.Count == 0)
            return InteractionResponse.AlreadyAnswered;
        // Files cannot travel in a response body: such a reply goes entirely through the webhook.
        if (messages[0].Files.Count > 0)
            return Deferred(interaction, replyTask);
        var update = interaction.Type == InteractionType.MessageComponent && reply.EditInPlace;
        var first = new InteractionCallback(
            update ? InteractionCallbackType.UpdateMessage : InteractionCallbackType.ChannelMessageWithSource,
            update ? messages[0] : messages[0].AsEphemeral());
        var rest = messages.Skip(1).Select(m => m.AsEphemeral()).ToArray();
        return new(first, rest.Length == 0 ? null : ct => followups.SendAsync(interaction.Token, rest, ct));
    }

    private InteractionResponse Deferred(InteractionRequest interaction, Task<Reply> replyTask)
    {
        var deferral = interaction.Type == InteractionType.MessageComponent
            ? new InteractionCallback(InteractionCallbackType.DeferredUpdateMessage)
            : new InteractionCallback(InteractionCallbackType.DeferredChannelMessageWithSource, new MessagePayload(null, null).AsEphemeral());
        return new(deferral, ct => followups.FinishDeferredAsync(interaction, replyTask, ct));
    }

    private async Task<Reply> ReplyAsync(Turn turn, CancellationToken cancellationToken)
    {
        var reply = await engine.HandleAsync(turn, cancellationToken);
        return TextModals.OfferForm(reply);
    }
}
