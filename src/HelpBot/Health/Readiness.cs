using HelpBot.Channels.Http;
using HelpBot.Engine.Content;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.Options;

namespace HelpBot.Health;

/// <summary>
/// Whether the bot can serve: every hosted service (channels, outbox) has started and none is stopping, each channel
/// has told its API what it needs at start (<see cref="ChannelSetup"/>, in the background), the content is loaded, and
/// the storage answers within <see cref="HealthOptions.StorageTimeout"/>. Asked per request, so a storage that goes away
/// makes the bot unready at once and a storage that comes back makes it ready again.
/// </summary>
public sealed class Readiness(
    IStorageHealth storage,
    IContentProvider content,
    IHostApplicationLifetime lifetime,
    ChannelSetup setup,
    IOptions<HealthOptions> options)
{
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            problems.Add("channels: stopping");
        else if (!lifetime.ApplicationStarted.IsCancellationRequested)
            problems.Add("channels: starting");
        problems.AddRange(setup.Problems);
        if (!IsContentLoaded())
            problems.Add("content: not loaded");
        if (!await IsStorageReachableAsync(cancellationToken))
            problems.Add($"storage: {storage.Location} does not answer");
        return problems;
    }

    private bool IsContentLoaded()
    {
        try
        {
            return content.Current.Languages.Count > 0;
        }
        catch (ContentValidationException)
        {
            return false;
        }
    }

    private async Task<bool> IsStorageReachableAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.StorageTimeout);
        try
        {
            return await storage.IsReachableAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
