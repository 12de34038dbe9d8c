using System.ComponentModel.DataAnnotations;

namespace HelpBot.Channels.Telegram;

/// <summary>Section <c>Telegram</c> (environment <c>Telegram__Token</c> and so on). The token is a secret: never log it.</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";

    /// <summary>The bot token from @BotFather, <c>123456:ABC-DEF…</c>. Required; keep it in the environment or user secrets.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[0-9]{1,16}:[A-Za-z0-9_-]{20,}$", ErrorMessage = "Telegram:Token does not look like a bot token (digits:letters from @BotFather).")]
    public string Token { get; set; } = "";

    /// <summary><see cref="TelegramMode.Polling"/> (default) or <see cref="TelegramMode.Webhook"/>.</summary>
    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Public HTTPS address Telegram posts updates to (webhook mode only); its path is the endpoint this host maps. Default: none.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Webhook mode: the value Telegram sends in <c>X-Telegram-Bot-Api-Secret-Token</c>, 1-256 of <c>A-Z a-z 0-9 _ -</c>. Default: none.</summary>
    public string? SecretToken { get; set; }

    /// <summary>The Bot API server. Default: the public <c>https://api.telegram.org</c>; a self-hosted or test server is just another URL.</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Telegram user ids of moderators; their moderator commands work in any chat. Default: none.</summary>
    public List<long> ModeratorIds { get; set; } = [];

    /// <summary>The community every Telegram chat of this bot belongs to (moderators see only their own). Default <c>default</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Community { get; set; } = HelpBot.Engine.Dialog.Turn.DefaultCommunity;

    /// <summary>Long-polling wait per getUpdates call, in seconds. Default 30.</summary>
    [Range(0, 50)]
    public int PollingTimeoutSeconds { get; set; } = 30;

    /// <summary>Pause after a failed getUpdates before the next one. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PollingErrorDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Updates received but not yet handled; polling waits when this many are in flight. Default 1000.</summary>
    [Range(1, 100_000)]
    public int MaxPendingUpdates { get; set; } = 1000;

    /// <summary>Messages per second over all chats (Telegram: about 30). 0 turns the limit off. Default 30.</summary>
    [Range(0, 100_000)]
    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>Messages per second in one private chat (Telegram: about 1). 0 turns the limit off. Default 1.</summary>
    [Range(0, 100_000)]
    public int ChatMessagesPerSecond { get; set; } = 1;

    /// <summary>Messages a private chat may get at once before <see cref="ChatMessagesPerSecond"/> applies (a reply can be two messages). Default 3.</summary>
    [Range(1, 100_000)]
    public int ChatBurst { get; set; } = 3;

    /// <summary>Messages per minute in one group (Telegram: 20). 0 turns the limit off. Default 20.</summary>
    [Range(0, 100_000)]
    public int GroupMessagesPerMinute { get; set; } = 20;
}
