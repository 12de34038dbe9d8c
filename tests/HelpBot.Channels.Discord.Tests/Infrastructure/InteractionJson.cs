using System.Text.Json.Nodes;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>Interactions as Discord sends them (guild member form), each with a fresh id and token.</summary>
public static class InteractionJson
{
    public const string ApplicationId = "100000000000000001";
    public const string GuildId = "500000000000000005";

    private static long _next = 900_000_000_000_000_000;

    public static string Ping() => Base(1, null, null, null).ToJsonString();

    public static string Command(string user, string name, string locale = "en-US", params (string Name, string Value)[] options) =>
        CommandWithRoles(user, [], name, locale, options);

    public static string CommandWithRoles(string user, string[] roles, string name, string locale = "en-US", params (string Name, string Value)[] options) =>
        CommandAsMember(user, roles, "0", name, locale, options);

    /// <summary>A command from a server member with these roles and permission bits (decimal string, as Discord sends them).</summary>
    public static string CommandAsMember(string user, string[] roles, string permissions, string name, string locale = "en-US", params (string Name, string Value)[] options)
    {
        var data = new JsonObject { ["id"] = "300", ["name"] = name, ["type"] = 1 };
        if (options.Length > 0)
            data["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value })]);
        var json = Base(2, user, locale, data);
        json["member"]!["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]);
        json["member"]!["permissions"] = permissions;
        return json.ToJsonString();
    }

    public static string Button(string user, string customId, string locale = "en-US", int componentType = 2) =>
        Base(3, user, locale, new JsonObject { ["custom_id"] = customId, ["component_type"] = componentType }).ToJsonString();

    /// <summary>A modal submit with one text input inside a label, as Discord sends it today.</summary>
    public static string ModalSubmit(string user, string customId, string value, string locale = "en-US") =>
        Base(5, user, locale, new JsonObject
        {
            ["custom_id"] = customId,
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 18,
                ["id"] = 1,
                ["component"] = new JsonObject { ["type"] = 4, ["id"] = 2, ["custom_id"] = "text", ["value"] = value },
            }),
        }).ToJsonString();

    public static string NextId() => Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Base(int type, string? user, string? locale, JsonObject? data)
    {
        var id = NextId();
        var json = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = ApplicationId,
            ["type"] = type,
            ["token"] = "interaction-token-" + id,
            ["version"] = 1,
        };
        if (user is not null)
        {
            json["guild_id"] = GuildId;
            json["channel_id"] = "700000000000000007";
            json["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = user, ["username"] = "tester", ["global_name"] = "Tester" },
                ["nick"] = null,
            };
            json["locale"] = locale;
            json["guild_locale"] = "en-US";
        }
        if (data is not null)
            json["data"] = data;
        return json;
    }
}
