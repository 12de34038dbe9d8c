using System.Text.Json;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// Reads an interaction's JSON defensively: a wrong type or a missing field the bot needs makes the whole
/// request malformed (400) rather than a half-filled turn. Unknown fields are ignored, as Discord adds them over time.
/// </summary>
internal static class InteractionParser
{
    private const int MaxFieldDepth = 8;

    public static InteractionRequest? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static InteractionRequest? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || String(root, "id") is not { Length: > 0 } id
            || String(root, "token") is not { Length: > 0 } token
            || !root.TryGetProperty("type", out var typeElement)
            || typeElement.ValueKind != JsonValueKind.Number
            || !typeElement.TryGetInt32(out var type))
        {
            return null;
        }
        var interaction = new InteractionRequest { Id = id, Type = (InteractionType)type, Token = token };
        if (interaction.Type == InteractionType.Ping)
            return interaction;

        var member = Object(root, "member");
        var user = Object(member, "user") ?? Object(root, "user");
        if (String(user, "id") is not { Length: > 0 } userId)
            return null;
        var data = Object(root, "data");
        return interaction with
        {
            UserId = userId,
            DisplayName = String(member, "nick") ?? String(user, "global_name") ?? String(user, "username"),
            Roles = Strings(member, "roles"),
            GuildId = String(root, "guild_id"),
            Permissions = ulong.TryParse(String(member, "permissions"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits) ? bits : 0,
            ChannelId = String(root, "channel_id") ?? String(Object(root, "channel"), "id"),
            Locale = String(root, "locale") ?? String(root, "guild_locale"),
            CommandName = String(data, "name"),
            Options = Options(data),
            CustomId = String(data, "custom_id"),
            ComponentType = data is { } d && d.TryGetProperty("component_type", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null,
            Fields = Fields(data),
        };
    }

    private static Dictionary<string, string> Options(JsonElement? data)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data is { } d && d.TryGetProperty("options", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in list.EnumerateArray())
            {
                if (String(option, "name") is { } name && option.ValueKind == JsonValueKind.Object && option.TryGetProperty("value", out var value))
                    options[name] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            }
        }
        return options;
    }

    /// <summary>Text inputs sit in labels (<c>component</c>) or, in older modals, action rows (<c>components</c>).</summary>
    private static Dictionary<string, string> Fields(JsonElement? data)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data is { } d)
            Collect(d, fields, 0);
        return fields;
    }

    private static void Collect(JsonElement element, Dictionary<string, string> fields, int depth)
    {
        if (element.ValueKind != JsonValueKind.Object || depth > MaxFieldDepth)
            return;
        if (String(element, "custom_id") is { } id && String(element, "value") is { } value)
            fields[id] = value;
        if (Object(element, "component") is { } child)
            Collect(child, fields, depth + 1);
        if (element.TryGetProperty("components", out var children) && children.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in children.EnumerateArray())
                Collect(item, fields, depth + 1);
        }
    }

    private static string[] Strings(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : [];

    private static JsonElement? Object(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
