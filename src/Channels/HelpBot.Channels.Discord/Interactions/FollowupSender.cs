using HelpBot.Channels.Discord.Rendering;
using HelpBot.Channels.Discord.Rest;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// Sends what did not fit in the interaction response: the rest of a long or multi-message reply, and the
/// reply to a deferred interaction. It runs after the HTTP response has gone out, in order, one interaction at a time.
/// </summary>
internal sealed class FollowupSender(DiscordRestClient rest, IHostApplicationLifetime lifetime, ILogger<FollowupSender> logger)
{
    /// <summary>Starts <paramref name="work"/> in the background; failures are logged, never thrown at a request.</summary>
    public Task Start(Func<CancellationToken, Task> work) => Task.Run(async () =>
    {
        try
        {
            await work(lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Shutting down: the interaction token expires anyway.
        }
        catch (Exception ex)
        {
            Log.FollowupFailed(logger, ex);
        }
    });

    public async Task SendAsync(string interactionToken, IEnumerable<MessagePayload> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
            await rest.CreateFollowupAsync(interactionToken, message, cancellationToken);
    }

    /// <summary>
    /// A deferred command's reply replaces the "thinking…" placeholder; a deferred button's reply replaces the
    /// message it was on when it navigates, and otherwise comes as new messages.
    /// </summary>
    public async Task FinishDeferredAsync(InteractionRequest interaction, Task<Reply> replyTask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(replyTask);
        var reply = await replyTask;
        var messages = ReplyRenderer.Render(reply);
        if (messages.Count == 0)
            return;
        if (interaction.Type == InteractionType.MessageComponent && !reply.EditInPlace)
        {
            await SendAsync(interaction.Token, messages.Select(m => m.AsEphemeral()), cancellationToken);
            return;
        }
        await rest.EditOriginalAsync(interaction.Token, messages[0], cancellationToken);
        await SendAsync(interaction.Token, messages.Skip(1).Select(m => m.AsEphemeral()), cancellationToken);
    }
}
