using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace HelpBot.Channels.Telegram.Updates;

/// <summary>
/// Where polling and the webhook hand every update: one switch over its kind, each kind to its own small handler.
/// Kinds the bot does not serve (edited messages, channel posts, reactions…) are logged and dropped. Never throws.
/// </summary>
internal sealed class UpdateHandler(MessageHandler messages, CallbackQueryHandler callbacks, ILogger<UpdateHandler> logger)
{
    /// <summary>Updates with the same key are handled one after another: the chat the update belongs to.</summary>
    public static long? OrderKey(Update update) => update switch
    {
        { Message.Chat: { } chat } => chat.Id,
        { CallbackQuery: { } query } => query.Message?.Chat?.Id ?? query.From?.Id,
        _ => null,
    };

    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var scope = Log.UpdateScope(logger, update.Id, OrderKey(update));
        try
        {
            switch (update)
            {
                case { Message: { } message }:
                    await messages.HandleAsync(update.Id, message, cancellationToken);
                    break;
                case { CallbackQuery: { } query }:
                    await callbacks.HandleAsync(update.Id, query, cancellationToken);
                    break;
                default:
                    Log.Ignored(logger, update.Id, update.Type.ToString());
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Abandoned(logger, update.Id);
        }
        catch (Exception ex)
        {
            Log.UpdateFailed(logger, ex, update.Id, update.Type.ToString());
        }
    }
}
