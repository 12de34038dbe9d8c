namespace HelpBot.Channels.Discord.Rest;

/// <summary>The body that opens a DM channel with a user.</summary>
internal sealed record DmChannelRequest(string RecipientId);
