using System.Text.Json.Nodes;

namespace HelpBot.Channels.Telegram.FakeBotApi;

/// <summary>
/// One call the bot made: the method, its parameters as sent, the status the fake answered (0: connection dropped)
/// and, for sendMessage and editMessageText that succeeded, the message it produced.
/// </summary>
public sealed record RecordedRequest(string Method, JsonObject Parameters, DateTimeOffset At, int Status, int? MessageId = null);
