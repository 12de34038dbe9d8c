namespace HelpBot.Channels.Telegram.Setup;

/// <summary>
/// A Mini App the configured moderators (<c>Telegram:ModeratorIds</c>) get as the menu button of their private chat
/// with the bot: the moderators' console. Registered by the host when the console is on; none, no menu button is set.
/// </summary>
public sealed record ModeratorMiniApp(Uri Url, string ButtonText);
