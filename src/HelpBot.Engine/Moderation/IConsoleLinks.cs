namespace HelpBot.Engine.Moderation;

/// <summary>A moderator as the moderators' console knows them: where they talk to the bot, who they are there, what they moderate.</summary>
public sealed record ConsoleModerator(string Channel, string UserId, string Community);

/// <summary>
/// Issues one-time sign-in links to the moderators' console for <c>/console</c>. The engine knows no web: the host
/// supplies this when the console is on.
/// </summary>
public interface IConsoleLinks
{
    /// <summary>A link that signs <paramref name="moderator"/> in once, within <see cref="Lifetime"/>.</summary>
    ValueTask<Uri> IssueAsync(ConsoleModerator moderator, CancellationToken cancellationToken);

    /// <summary>How long an issued link stays valid.</summary>
    TimeSpan Lifetime { get; }
}
