using HelpBot.Engine.Moderation.Desk;
using HelpBot.ModeratorConsole.SignIn;

namespace HelpBot.ModeratorConsole.Pages;

internal static class DeskModerators
{
    /// <summary>The engine desk's acting moderator for a console request: the signed-in one, confined to their community.</summary>
    public static Moderator AtDesk(this SignedInModerator moderator) => new(moderator.Channel, moderator.UserId, moderator.Community);
}
