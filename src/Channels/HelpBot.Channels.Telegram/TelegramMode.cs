namespace HelpBot.Channels.Telegram;

/// <summary>How updates reach the bot.</summary>
public enum TelegramMode
{
    /// <summary>The bot asks the Bot API for updates (getUpdates long polling); needs no public address.</summary>
    Polling,

    /// <summary>The Bot API posts updates to <see cref="TelegramOptions.WebhookUrl"/>, served by this host.</summary>
    Webhook,
}
