using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace HelpBot.Channels.Telegram.Updates;

/// <summary>
/// Reads updates one by one, so that one the client library cannot read is skipped (its id still moves polling on)
/// instead of failing the whole batch over and over.
/// </summary>
internal static class UpdateReader
{
    public readonly record struct Result(int? Id, Update? Update, string? Error);

    public static Result Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return new Result(null, null, "not a JSON object");
        int? id = element.TryGetProperty("update_id", out var idElement) && idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt32(out var value)
            ? value
            : null;
        if (id is null)
            return new Result(null, null, "no update_id");
        try
        {
            var update = element.Deserialize<Update>(JsonBotAPI.Options);
            return update is null ? new Result(id, null, "null") : new Result(id, update, null);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            return new Result(id, null, ex.Message);
        }
    }
}
