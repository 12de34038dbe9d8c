using System.ComponentModel.DataAnnotations;
using HelpBot.Engine.Dialog;

namespace HelpBot.Channels.Discord;

/// <summary>
/// Section <c>Discord</c> (environment <c>Discord__PublicKey</c> and so on). The channel is on when <see cref="PublicKey"/> is set.
/// <see cref="BotToken"/> is a secret: keep it in the environment or user secrets, never in appsettings.json.
/// </summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    public const string Snowflake = "^[0-9]{1,20}$";

    /// <summary>The application id from the Developer Portal (General Information). Required.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(Snowflake)]
    public string ApplicationId { get; set; } = "";

    /// <summary>The application's public key, 64 hex digits, used to verify every interaction request. Required.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[0-9a-fA-F]{64}$")]
    public string PublicKey { get; set; } = "";

    /// <summary>The bot token (Bot page); needed only to register commands. Default: none.</summary>
    public string? BotToken { get; set; }

    /// <summary>Register commands in this server only (they appear at once) instead of globally. Default: none (global).</summary>
    [RegularExpression(Snowflake)]
    public string? GuildId { get; set; }

    /// <summary>Discord's REST API; tests point it at a fake. Default <c>https://discord.com/api/v10</c>.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new(DefaultApiBaseUrl);

    /// <summary>Overwrite the slash commands when the bot starts (needs <see cref="BotToken"/>). Default false.</summary>
    public bool RegisterCommandsAtStart { get; set; }

    /// <summary>Users (ids) whose commands and buttons count as a moderator's: /questions, /answer, the Answer button. Default: none.</summary>
    public List<string> ModeratorUserIds { get; set; } = [];

    /// <summary>Server roles (ids) whose members are moderators. Default: none.</summary>
    public List<string> ModeratorRoleIds { get; set; } = [];

    /// <summary>The community this bot's Discord users and moderators belong to; moderators see only their community's questions. Default <c>default</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Community { get; set; } = Turn.DefaultCommunity;

    /// <summary>How far a request's <c>X-Signature-Timestamp</c> may be from now before it is refused as a replay. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan MaxRequestAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a reply may take before the interaction is deferred and finished through the webhook. Default 2 s (Discord allows 3).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:02.500")]
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest request body accepted, in bytes. Default 256 KiB (an interaction is a few KiB).</summary>
    [Range(4096, 8 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How often a REST call that nothing else retries (command registration, a deferred reply) is tried again after a
    /// 429, a 5xx or a network error. Outbox messages are retried by the outbox instead. Default 3.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest wait a 429 may ask for before such a call gives up instead. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryWait { get; set; } = TimeSpan.FromSeconds(30);
}
