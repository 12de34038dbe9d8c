using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Http;

/// <summary>
/// What the channels tell their APIs once at start (Telegram: where updates go and the command menus; Discord: the
/// slash commands). It runs in the background, so the host's start and the channels' serving never wait on an outside
/// API. Each step is tried until the API takes it, refuses it (a 4xx other than 429: trying again cannot help) or the
/// host stops: one log line per failure, then a wait doubling from <see cref="FirstDelay"/> to <see cref="LongestDelay"/>
/// (a 429 waits what it asks). This is the only layer retrying these calls, so they go through a channel's one-attempt
/// client. Until a channel's steps have all been taken, <see cref="Problems"/> says which is missing and why (/readyz).
/// </summary>
public sealed partial class ChannelSetup(TimeProvider time, ILogger<ChannelSetup> logger)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, string> _unfinished = new(StringComparer.Ordinal);

    /// <summary>One line per channel not set up yet, e.g. <c>telegram: setting up; setMyCommands (en) failed: …</c>.</summary>
    public IReadOnlyList<string> Problems =>
        [.. _unfinished.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")];

    /// <summary>From the host's start on, the channel counts as not set up (before its background work gets a thread).</summary>
    internal void Begin(string channel) => _unfinished[channel] = "setting up";

    /// <summary>
    /// Takes <paramref name="steps"/> in order, each until it succeeds or is refused (a refused step is logged and the
    /// rest still taken; the channel then stays unready). <paramref name="read"/> reads an API failure, or returns
    /// null for an exception that is not one, which is thrown. Returns when done, or when <paramref name="stoppingToken"/> fires.
    /// </summary>
    internal async Task RunAsync(string channel, IReadOnlyList<SetupStep> steps, Func<Exception, SetupFailure?> read, CancellationToken stoppingToken)
    {
        string? refused = null;
        try
        {
            foreach (var step in steps)
            {
                if (await TakeAsync(channel, step, read, stoppingToken) is { } refusal)
                    refused ??= refusal;
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            return; // the host stops, and a call cut short by it is no failure
        }
        if (refused is null)
        {
            _unfinished.TryRemove(channel, out _);
            LogSetUp(logger, channel, steps.Count);
        }
        else
        {
            _unfinished[channel] = refused;
        }
    }

    /// <summary>Takes one step until it succeeds (null) or is refused (what to report).</summary>
    private async Task<string?> TakeAsync(string channel, SetupStep step, Func<Exception, SetupFailure?> read, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            SetupFailure failure;
            try
            {
                await step.RunAsync(stoppingToken);
                return null;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && read(ex) is { } readFailure)
            {
                failure = readFailure;
            }
            if (failure.Refused)
            {
                LogRefused(logger, channel, step.Name, failure.Reason);
                return $"{step.Name} refused: {failure.Reason}";
            }
            var wait = failure.RetryAfter ?? Backoff(attempt);
            _unfinished[channel] = $"setting up; {step.Name} failed: {failure.Reason}";
            LogFailed(logger, channel, step.Name, wait.TotalSeconds, failure.Reason);
            await Task.Delay(wait, time, stoppingToken);
        }
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(LongestDelay.Ticks, FirstDelay.Ticks << Math.Min(attempt - 1, 16)));

    [LoggerMessage(1, LogLevel.Warning, "{Channel} {Step} at start failed, trying again in {DelaySeconds:0.#} s: {Reason}")]
    private static partial void LogFailed(ILogger logger, string channel, string step, double delaySeconds, string reason);

    [LoggerMessage(2, LogLevel.Error, "{Channel} {Step} at start was refused, not trying again (fix it and restart): {Reason}")]
    private static partial void LogRefused(ILogger logger, string channel, string step, string reason);

    [LoggerMessage(3, LogLevel.Information, "{Channel} set up ({Steps} calls)")]
    private static partial void LogSetUp(ILogger logger, string channel, int steps);
}

/// <summary>
/// A channel's setup as a hosted service: the steps are chosen when the host starts, the channel is unready from then
/// on, and <see cref="ChannelSetup"/> takes them in the background until they are done or the host stops.
/// </summary>
public abstract class ChannelSetupService(ChannelSetup setup) : BackgroundService
{
    private IReadOnlyList<SetupStep> _steps = [];

    /// <summary>The channel's name in logs and in /readyz.</summary>
    protected abstract string Channel { get; }

    /// <summary>The calls to make, in order; none when this run needs none.</summary>
    protected abstract IReadOnlyList<SetupStep> Steps();

    /// <summary>An exception from a step as an API failure, or null when it is not one (it is thrown).</summary>
    protected abstract SetupFailure? Read(Exception exception);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _steps = Steps();
        if (_steps.Count > 0)
            setup.Begin(Channel);
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _steps.Count == 0 ? Task.CompletedTask : setup.RunAsync(Channel, _steps, Read, stoppingToken);
}

/// <summary>One call of a channel's setup, named for logs and /readyz (e.g. <c>setMyCommands (en)</c>).</summary>
public sealed record SetupStep(string Name, Func<CancellationToken, Task> RunAsync);

/// <summary>
/// A failed setup call as its channel reads it: a one-line reason without secrets; refused when trying again cannot help;
/// the wait the API asked for, if it did.
/// </summary>
public sealed record SetupFailure(string Reason, bool Refused, TimeSpan? RetryAfter = null);
