using System.Diagnostics.Metrics;

namespace HelpBot.Engine.Dialog;

/// <summary>
/// The engine's instruments on the <c>HelpBot</c> meter: turns by channel, kind and outcome, how long they took, and
/// free text the bot could not answer. BCL metrics only; the host decides whether and how they are exported.
/// </summary>
public sealed class DialogMetrics
{
    public const string MeterName = "HelpBot";

    /// <summary>Turn durations are milliseconds to a few seconds: buckets in seconds, not OpenTelemetry's millisecond defaults.</summary>
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _turns;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _fallbacks;

    public DialogMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _turns = meter.CreateCounter<long>("helpbot.turns", "{turn}", "Turns handled, by channel, kind (text, command, button, form) and outcome (ok, duplicate, failed)");
        _duration = meter.CreateHistogram("helpbot.turn.duration", "s", "Time from a turn's arrival at the engine to its committed reply",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _fallbacks = meter.CreateCounter<long>("helpbot.freetext.fallbacks", "{turn}", "Free text the bot could not answer with a section (offered sections or the menu instead)");
    }

    internal void Turn(Turn turn, string outcome, TimeSpan elapsed)
    {
        var kind = KindOf(turn);
        _turns.Add(1, new KeyValuePair<string, object?>("channel", turn.Channel), new("kind", kind), new("outcome", outcome));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("channel", turn.Channel), new("kind", kind));
    }

    internal void FreeTextFallback(Turn turn) => _fallbacks.Add(1, new KeyValuePair<string, object?>("channel", turn.Channel));

    /// <summary>What the user did, from the turn's fields alone (typed commands start with <c>/</c>).</summary>
    internal static string KindOf(Turn turn) =>
        turn.Action is not null ? "button"
        : turn.Command is not null ? "command"
        : turn.Form is not null ? "form"
        : turn.Text?.TrimStart().StartsWith('/') == true ? "command"
        : "text";
}
