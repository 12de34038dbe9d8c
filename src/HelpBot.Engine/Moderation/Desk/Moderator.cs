namespace HelpBot.Engine.Moderation.Desk;

/// <summary>
/// The moderator acting at the desk: their channel identity (recorded as who decided or answered, as the chat records
/// it) and the community they moderate, the only one whose items they see or change.
/// </summary>
public sealed record Moderator(string Channel, string UserId, string Community, string? DisplayName = null)
{
    /// <summary><c>channel:name</c>, as a review decision's <c>By</c> and a question's <c>ResolvedBy</c> have it.</summary>
    public string By => Channel + ":" + (DisplayName ?? UserId);

    internal static Moderator Of(Dialog.Turn turn) => new(turn.Channel, turn.UserId, turn.Community, turn.DisplayName);
}
