using HelpBot.Channels.Telegram.Sending;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace HelpBot.Channels.Telegram.Updates;

/// <summary>
/// Who the bot is, to tell in groups which commands and replies are meant for it. The id is part of the token;
/// the username needs getMe, asked once on first need and kept; until it is known, "/command@name" is not taken as ours.
/// </summary>
internal sealed class BotIdentity(ITelegramBotClient client, TelegramSender sender, ILogger<BotIdentity> logger)
{
    private volatile User? _me;

    public long Id => client.BotId;

    public async ValueTask<string?> GetUsernameAsync(CancellationToken cancellationToken)
    {
        if (_me is { } me)
            return me.Username;
        try
        {
            _me = await sender.CallAsync((c, ct) => c.GetMe(ct), cancellationToken);
            return _me.Username;
        }
        catch (RequestException ex)
        {
            Log.IdentityUnknown(logger, sender.Describe(ex));
            return null;
        }
    }
}
