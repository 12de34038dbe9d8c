using HelpBot.Channels.Discord.Rendering;
using HelpBot.Channels.Discord.Rest;
using HelpBot.Channels.Http;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// Sends what did not fit in the interaction response: the rest of a long or multi-message reply, and the
/// reply to a deferred interaction. It runs after the HTTP response has gone out, in order, one interaction at a time.
/// On shutdown, once the endpoint has stopped taking interactions, the follow-ups on their way are finished (within
/// the host's shutdown timeout) rather than dropped: the user already saw "thinking…" and waits for them.
/// </summary>
internal sealed class FollowupSender(DiscordRestClient rest, ILogger<FollowupSender> logger) : IHostedLifecycleService, IDisposable
{
    private readonly BackgroundCalls _followups = new();

    /// <summary>Cancelled only when the host's shutdown timeout passes with follow-ups still on their way.</summary>
    public CancellationToken Abandoned => _followups.Abandoned;

    /// <summary>Starts <paramref name="work"/> in the background; failures are logged, never thrown at a request.</summary>
    public Task Start(Func<CancellationToken, Task> work) => _followups.Start(async abandoned =>
    {
        try
        {
            await work(abandoned);
        }
        catch (OperationCanceledException) when (abandoned.IsCancellationRequested)
        {
            // Shutdown ran out of time: the interaction token expires anyway.
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

    /// <summary>
    /// After the web server has stopped (so no new follow-up starts), waits for those on their way; when the host's
    /// shutdown timeout fires first, cancels them. Nothing of the HTTP client is disposed under a call still running.
    /// </summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_followups.Count == 0)
            return;
        Log.DrainingFollowups(logger, _followups.Count);
        await _followups.DrainAsync(cancellationToken);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _followups.Dispose();
}
