namespace HelpBot.Engine.Moderation;

/// <summary>Section <c>Moderation</c>: where new questions are posted for moderators.</summary>
public sealed class ModerationOptions
{
    public const string SectionName = "Moderation";

    /// <summary>Moderators' chats (a Telegram group, a Discord channel). Default: none, questions wait for /questions.</summary>
    public List<ModeratorChat> Chats { get; set; } = [];
}

/// <summary>One moderators' chat of one community, e.g. <c>telegram</c> <c>-1001234</c>.</summary>
public sealed class ModeratorChat
{
    public string Channel { get; set; } = "";

    public string ChatId { get; set; } = "";

    /// <summary>The community whose questions go there. Default <c>default</c>.</summary>
    public string Community { get; set; } = Dialog.Turn.DefaultCommunity;

    /// <summary>The language the post is written in. Default <c>ru</c>.</summary>
    public string Language { get; set; } = "ru";
}
