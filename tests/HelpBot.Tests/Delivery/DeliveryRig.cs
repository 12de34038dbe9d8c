using System.Diagnostics.Metrics;
using HelpBot.Channels.Telegram.Tests;
using HelpBot.Delivery;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Tests.Delivery;

/// <summary>Outbox dispatchers over a given store and clock, with their log lines and counters kept for the test.</summary>
public static class DeliveryRig
{
    /// <param name="feed">Where the test hands committed messages, as the engine does; none: they wait for a search of the outbox.</param>
    public static OutboxDispatcher Dispatcher(IEnumerable<IChannelSender> senders, IOutboxStore store, TimeProvider time, DeliveryOptions? options = null, CapturedLogs? logs = null, IMeterFactory? meters = null, OutboxFeed? feed = null)
    {
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs ?? new CapturedLogs()));
        return new OutboxDispatcher(senders, store, feed ?? new OutboxFeed(), Options.Create(options ?? new DeliveryOptions()),
            new DeliveryMetrics(meters ?? new Meters()), time, loggers.CreateLogger<OutboxDispatcher>());
    }

    /// <summary>A meter factory of its own, so counters of parallel tests do not mix.</summary>
    public sealed class Meters : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    /// <summary>Sums of the dispatcher's counters by instrument name, read as they are recorded.</summary>
    public sealed class Counters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _totals = [];

        public Counters(Meters meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                lock (_totals)
                    _totals[instrument.Name] = _totals.GetValueOrDefault(instrument.Name) + value;
            });
            _listener.Start();
        }

        public long this[string name]
        {
            get { lock (_totals) return _totals.GetValueOrDefault(name); }
        }

        public void Dispose() => _listener.Dispose();
    }
}
