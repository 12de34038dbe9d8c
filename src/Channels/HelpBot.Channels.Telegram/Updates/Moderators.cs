using System.Globalization;
using HelpBot.Engine.Moderation;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Updates;

/// <summary>
/// Who moderates, by Telegram's own facts: the configured user ids, and everyone in a moderators' chat of this bot's
/// community (<c>Moderation:Chats</c> with channel <c>telegram</c>). The engine trusts the flag this sets; the
/// moderators' console asks the same about a Mini App's user.
/// </summary>
public sealed class Moderators(IOptions<TelegramOptions> options, IOptions<ModerationOptions> moderation)
{
    private readonly HashSet<long> _users = [.. options.Value.ModeratorIds];
    private readonly HashSet<string> _chats = moderation.Value.Chats
        .Where(c => c.Channel == TelegramTurns.ChannelName && c.Community == options.Value.Community)
        .Select(c => c.ChatId)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The channel name in the moderators' identities (user keys, console sessions).</summary>
    public const string ChannelName = TelegramTurns.ChannelName;

    public string Community { get; } = options.Value.Community;

    public bool IsModeratorsChat(long chatId) => _chats.Contains(chatId.ToString(CultureInfo.InvariantCulture));

    public bool IsModerator(long userId, long chatId) => _users.Contains(userId) || IsModeratorsChat(chatId);
}
