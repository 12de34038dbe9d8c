using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HelpBot.Health;

/// <summary>
/// Section <c>Health</c>: how <c>/readyz</c> probes and how often the storage gauges of <c>/metrics</c> are sampled.
/// Where the endpoints listen is ASP.NET Core's own <c>urls</c> setting (<c>ASPNETCORE_URLS</c>, <c>--urls</c>).
/// </summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How long <c>/readyz</c> waits for the storage to answer before calling it unreachable. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often outbox depth and open questions are read from storage for <c>/metrics</c>. Default 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan GaugeInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Checks <see cref="HealthOptions"/>' ranges at start (generated from its attributes).</summary>
[OptionsValidator]
internal sealed partial class HealthOptionsValidator : IValidateOptions<HealthOptions>;
