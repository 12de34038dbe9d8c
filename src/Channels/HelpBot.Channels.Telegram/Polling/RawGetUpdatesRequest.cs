using System.Text.Json;
using Telegram.Bot.Requests;

namespace HelpBot.Channels.Telegram.Polling;

/// <summary>
/// getUpdates, answered as raw JSON so <see cref="Updates.UpdateReader"/> can read each update on its own:
/// with the library's typed request one unreadable update fails the whole batch, and polling would ask for it forever.
/// </summary>
internal sealed class RawGetUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
{
    public int? Offset { get; init; }

    public int? Limit { get; init; }

    public int? Timeout { get; init; }

    public IReadOnlyList<string>? AllowedUpdates { get; init; }
}
