using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HelpBot.Delivery;

/// <summary>Section <c>Delivery</c>: how long and how often the outbox tries to send a message before giving it up.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>How long after it was written a message may still be sent; past it, it expires (counted and logged). Default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(24);

    /// <summary>First wait after a failed send (server error, no connection); it doubles per try up to <see cref="RetryMaxDelay"/>. A 429 waits what the API says. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between tries. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest one send may take before it counts as failed. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long sent posts and answers (which moderators' replies refer to) and expired messages are kept before they are pruned; a sent reply is deleted at once. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the outbox is looked at for due chats nobody holds (messages left by a crash or by another instance); this process's own replies need no look. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Chats taken from the outbox at once by its periodic look (replies committed here are sent at once besides). Default 32.</summary>
    [Range(1, 10_000)]
    public int MaxParallelChats { get; set; } = 32;

    /// <summary>On shutdown, how long to go on sending what is due before leaving the rest for the next start. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

[OptionsValidator]
internal sealed partial class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>;
