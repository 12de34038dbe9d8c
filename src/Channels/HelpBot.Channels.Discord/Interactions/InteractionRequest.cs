namespace HelpBot.Channels.Discord.Interactions;

/// <summary>The parts of an incoming interaction the bot uses, read from its JSON by <see cref="InteractionParser"/>.</summary>
internal sealed record InteractionRequest
{
    public const int ButtonComponentType = 2;

    public required string Id { get; init; }

    public required InteractionType Type { get; init; }

    /// <summary>Valid 15 minutes for follow-ups and edits through the webhook. A secret: never logged.</summary>
    public required string Token { get; init; }

    /// <summary>member.user.id in a server, user.id in a DM; empty only for PING.</summary>
    public string UserId { get; init; } = "";

    public string? DisplayName { get; init; }

    /// <summary>The server the interaction came from; null in a DM.</summary>
    public string? GuildId { get; init; }

    /// <summary>The member's permission bits in the channel; 0 in a DM.</summary>
    public ulong Permissions { get; init; }

    /// <summary>The member's role ids in a server; empty in a DM.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public string? ChannelId { get; init; }

    /// <summary>The user's client language, e.g. <c>ru</c> or <c>en-US</c>.</summary>
    public string? Locale { get; init; }

    /// <summary>The command's name (slash commands).</summary>
    public string? CommandName { get; init; }

    /// <summary>Option values by name (slash commands).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The pressed button's or submitted modal's custom id.</summary>
    public string? CustomId { get; init; }

    public int? ComponentType { get; init; }

    /// <summary>A submitted modal's text inputs, by custom id.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
}
