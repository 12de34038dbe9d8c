using System.Diagnostics.Metrics;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.Options;

namespace HelpBot.Health;

/// <summary>
/// Outbox depth and open questions as gauges on the <c>HelpBot</c> meter. They are read from storage every
/// <see cref="HealthOptions.GaugeInterval"/> here, off the hot path, so that a scrape reports the last sample at once
/// instead of querying the database (the gauges' callbacks cannot wait). Until the first sample they report nothing.
/// </summary>
public sealed partial class StorageGauges : BackgroundService
{
    private readonly IOutboxStore _outbox;
    private readonly IModerationStore _moderation;
    private readonly TimeProvider _time;
    private readonly HealthOptions _options;
    private readonly ILogger<StorageGauges> _logger;
    private Sample? _last;

    public StorageGauges(IOutboxStore outbox, IModerationStore moderation, IMeterFactory meters, TimeProvider time, IOptions<HealthOptions> options, ILogger<StorageGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        _outbox = outbox;
        _moderation = moderation;
        _time = time;
        _options = options.Value;
        _logger = logger;
        var meter = meters.Create(DialogMetrics.MeterName);
        meter.CreateObservableGauge("helpbot.outbox.depth", () => Observe(s => s.OutboxDepth), "{message}", "Messages waiting in the outbox to be sent (all channels)");
        meter.CreateObservableGauge("helpbot.questions.open", () => Observe(s => s.OpenQuestions), "{question}", "Users' questions waiting for a moderator");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.GaugeInterval, _time);
        do
        {
            try
            {
                var sample = new Sample(await _outbox.CountPendingAsync(channel: null, stoppingToken), await _moderation.CountOpenQuestionsAsync(stoppingToken));
                Volatile.Write(ref _last, sample);
                Log.Sampled(_logger, sample.OutboxDepth, sample.OpenQuestions);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The last sample stays; /readyz is where an unreachable storage shows.
                Log.SampleFailed(_logger, ex.GetType().Name);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private IEnumerable<Measurement<int>> Observe(Func<Sample, int> value) =>
        Volatile.Read(ref _last) is { } sample ? [new Measurement<int>(value(sample))] : [];

    private sealed record Sample(int OutboxDepth, int OpenQuestions);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not read outbox depth and open questions for /metrics ({Error}); the last values stay")]
        public static partial void SampleFailed(ILogger logger, string error);

        [LoggerMessage(2, LogLevel.Debug, "Sampled for /metrics: outbox depth {OutboxDepth}, open questions {OpenQuestions}")]
        public static partial void Sampled(ILogger logger, int outboxDepth, int openQuestions);
    }
}
