using System.Text.Json;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>Reads the parts of an interaction response or message body that tests look at.</summary>
public static class CallbackReader
{
    public static int Type(JsonElement callback) => callback.GetProperty("type").GetInt32();

    public static JsonElement Data(JsonElement callback) => callback.GetProperty("data");

    public static string Content(JsonElement message) =>
        message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString()! : "";

    public static int Flags(JsonElement message) =>
        message.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Number ? flags.GetInt32() : 0;

    public static IReadOnlyList<(string Label, string CustomId)> Buttons(JsonElement message) =>
        message.TryGetProperty("components", out var rows) && rows.ValueKind == JsonValueKind.Array
            ? rows.EnumerateArray()
                .SelectMany(r => r.GetProperty("components").EnumerateArray())
                .Select(b => (b.GetProperty("label").GetString()!, b.GetProperty("custom_id").GetString()!))
                .ToList()
            : [];

    public static string ButtonId(JsonElement message, string labelStart) =>
        Buttons(message).First(b => b.Label.StartsWith(labelStart, StringComparison.Ordinal)).CustomId;
}
