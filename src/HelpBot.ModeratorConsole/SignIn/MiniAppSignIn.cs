using System.Globalization;
using HelpBot.Channels.Telegram;
using HelpBot.Channels.Telegram.Updates;
using HelpBot.ModeratorConsole.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpBot.ModeratorConsole.SignIn;

/// <summary>
/// A Telegram Mini App's initData as a moderator: signed with this bot's token, fresh, and naming a user the Telegram
/// channel counts as a moderator (in their private chat with the bot), who gets that channel's community.
/// </summary>
internal sealed class MiniAppSignIn(IServiceProvider services, IOptions<ModeratorConsoleOptions> options, TimeProvider time)
{
    // The Telegram channel's own services, present only when it is configured.
    private readonly Moderators? _moderators = services.GetService<Moderators>();
    private readonly string? _botToken = services.GetService<IOptions<TelegramOptions>>()?.Value.Token;

    public (SignedInModerator? Moderator, string? Refusal) SignIn(string initData)
    {
        if (_moderators is null || string.IsNullOrEmpty(_botToken))
            return (null, "Telegram is not configured on this bot");
        var check = TelegramInitData.Check(initData, _botToken, time.GetUtcNow(), options.Value.InitDataMaxAge);
        if (check.User is not { } user)
            return (null, check.Refusal);
        // A Mini App opened from the menu button runs in the user's private chat, whose id is the user's.
        if (!_moderators.IsModerator(user.Id, user.Id))
            return (null, "this Telegram user is not a moderator of this bot");
        var moderator = new SignedInModerator(Moderators.ChannelName, user.Id.ToString(CultureInfo.InvariantCulture),
            _moderators.Community, user.LanguageCode, SignInMethod.TelegramMiniApp);
        return (moderator, null);
    }
}
