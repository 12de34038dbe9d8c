using HelpBot.Channels.Discord.Rendering;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// The answer to one interaction: the callback that goes back in the HTTP response, and work that must wait
/// until Discord has it (follow-ups, finishing a deferral). No callback means "already answered" (a redelivery).
/// </summary>
internal sealed record InteractionResponse(InteractionCallback? Callback, Func<CancellationToken, Task>? Afterwards = null)
{
    public static readonly InteractionResponse AlreadyAnswered = new(Callback: null);
}
