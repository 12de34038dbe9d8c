namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>
/// A request the fake Discord API received. <see cref="Path"/> is relative to the API base, e.g. <c>/webhooks/1/tok</c>;
/// for a multipart upload <see cref="Body"/> is its <c>payload_json</c> and <see cref="Files"/> names the file parts.
/// </summary>
public sealed record RecordedRequest(string Method, string Path, string Body, string? Authorization, string? UserAgent, string? ContentType, DateTimeOffset At)
{
    public IReadOnlyList<(string Part, string FileName, long Length)> Files { get; init; } = [];
}
