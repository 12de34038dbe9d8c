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

    /// <summary>How long a sender's claim on a chat's next message holds (longer than <see cref="AttemptTimeout"/>); another instance takes over a dead one's chats after it. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the outbox is looked at without a signal (retries falling due, other instances' messages). Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Chats sent to at once (each chat's messages still go one by one). Default 32.</summary>
    [Range(1, 10_000)]
    public int MaxParallelChats { get; set; } = 32;

    /// <summary>On shutdown, how long to go on sending what is due before leaving the rest for the next start. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

[OptionsValidator]
internal sealed partial class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>;

/// <summary>A claim must outlive the send it covers, or a second sender could take the chat while the first still sends.</summary>
internal sealed class DeliveryLeaseRule : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options) =>
        options.Lease > options.AttemptTimeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Delivery:Lease ({options.Lease}) must be longer than Delivery:AttemptTimeout ({options.AttemptTimeout}).");
}
