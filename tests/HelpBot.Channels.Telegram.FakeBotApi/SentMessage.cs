using System.Text.Json.Nodes;

namespace HelpBot.Channels.Telegram.FakeBotApi;

/// <summary>A message the bot has in a chat, as it currently reads (edits applied).</summary>
public sealed record SentMessage(long ChatId, int MessageId, string Html, string Text, JsonObject? ReplyMarkup)
{
    /// <summary>For a photo or document: <c>photo</c> or <c>document</c>; null for a text message.</summary>
    public string? Kind { get; init; }

    /// <summary>For a photo or document: the uploaded file as the fake saw it (name and size) or the file_id sent.</summary>
    public string? File { get; init; }

    /// <summary>The inline keyboard's buttons, row by row: label and callback_data.</summary>
    public IReadOnlyList<IReadOnlyList<(string Label, string Data)>> Buttons =>
        ReplyMarkup?["inline_keyboard"] is JsonArray rows
            ? rows.OfType<JsonArray>().Select(row => (IReadOnlyList<(string, string)>)row.OfType<JsonObject>()
                .Select(b => (b["text"]?.GetValue<string>() ?? "", b["callback_data"]?.GetValue<string>() ?? "")).ToList()).ToList()
            : [];

    /// <summary>The callback_data of the first button whose label contains <paramref name="fragment"/> (case-insensitive).</summary>
    public string ButtonData(string fragment) =>
        Buttons.SelectMany(r => r).FirstOrDefault(b => b.Label.Contains(fragment, StringComparison.OrdinalIgnoreCase)).Data
        ?? throw new InvalidOperationException($"no button with '{fragment}' among: {string.Join(", ", Buttons.SelectMany(r => r).Select(b => b.Label))}");
}
