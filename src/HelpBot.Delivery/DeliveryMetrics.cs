using System.Diagnostics.Metrics;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Delivery;

/// <summary>The outbox's counters on the engine's meter (<see cref="DialogMetrics.MeterName"/>, which the host exports).</summary>
public sealed class DeliveryMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _expired;

    public DeliveryMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(DialogMetrics.MeterName);
        _sent = meter.CreateCounter<long>("helpbot.delivery.sent", "{message}", "Outbox messages sent");
        _retries = meter.CreateCounter<long>("helpbot.delivery.retries", "{attempt}", "Failed sends that will be tried again");
        _expired = meter.CreateCounter<long>("helpbot.delivery.expired", "{message}", "Outbox messages given up (deadline passed or refused by the channel)");
    }

    public void Sent(OutboxMessage message) => _sent.Add(1, Tags(message));

    public void Retried(OutboxMessage message) => _retries.Add(1, Tags(message));

    public void Expired(OutboxMessage message, string reason) =>
        _expired.Add(1, [new("channel", message.Channel), new("purpose", message.Purpose.ToString()), new("reason", reason)]);

    private static KeyValuePair<string, object?>[] Tags(OutboxMessage message) =>
        [new("channel", message.Channel), new("purpose", message.Purpose.ToString())];
}
