using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HelpBot.Channels.Telegram.FakeBotApi;

/// <summary>
/// Telegram's published Bot API description (specs/telegram-bot-api.json, copied next to the binaries): which methods exist, which parameters
/// each takes, which are required, and what kind of value each holds, checked recursively through object types.
/// </summary>
public sealed partial class BotApiSpec
{
    private readonly FrozenDictionary<string, Member> _methods;
    private readonly FrozenDictionary<string, TypeDescription> _types;

    private BotApiSpec(FrozenDictionary<string, Member> methods, FrozenDictionary<string, TypeDescription> types, string version)
    {
        _methods = methods;
        _types = types;
        Version = version;
    }

    public string Version { get; }

    /// <summary>The copy next to the binaries, read once per process.</summary>
    public static BotApiSpec Default => Shared.Value;

    private static readonly Lazy<BotApiSpec> Shared = new(() => LoadFrom(Path.Combine(AppContext.BaseDirectory, "specs", "telegram-bot-api.json")));

    public bool HasMethod(string name) => _methods.ContainsKey(name);

    public static BotApiSpec LoadFrom(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var methods = root.GetProperty("methods").EnumerateObject()
            .ToFrozenDictionary(m => m.Name, m => new Member(Fields(m.Value)), StringComparer.Ordinal);
        var types = root.GetProperty("types").EnumerateObject()
            .ToFrozenDictionary(t => t.Name, t => new TypeDescription(
                t.Value.TryGetProperty("fields", out _) ? Fields(t.Value) : null,
                t.Value.TryGetProperty("subtypes", out var subtypes) ? subtypes.EnumerateArray().Select(s => s.GetString()!).ToArray() : []),
                StringComparer.Ordinal);
        return new BotApiSpec(methods, types, root.GetProperty("version").GetString() ?? "");
    }

    /// <summary>Problems with a call of <paramref name="method"/> with these parameters; empty when Telegram would take it.</summary>
    public IReadOnlyList<string> CheckCall(string method, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!_methods.TryGetValue(method, out var description))
            return [$"{method}: no such method in {Version}"];
        var problems = new List<string>();
        // "method" is only added when a request is returned as a webhook reply.
        CheckFields(method, description.Fields, parameters, problems, ignore: "method");
        return problems;
    }

    /// <summary>Problems with an object that should be a <paramref name="typeName"/> (for checking what the fake itself sends).</summary>
    public IReadOnlyList<string> CheckObject(string typeName, JsonObject value)
    {
        var problems = new List<string>();
        CheckValue(typeName, value, [typeName], problems);
        return problems;
    }

    private void CheckFields(string path, IReadOnlyDictionary<string, Field> fields, JsonObject value, List<string> problems, string? ignore = null)
    {
        foreach (var (name, node) in value)
        {
            if (name == ignore)
                continue;
            if (!fields.TryGetValue(name, out var field))
                problems.Add($"{path}: unknown parameter '{name}'");
            else
                CheckValue(path + "." + name, node, field.Types, problems);
        }
        foreach (var field in fields.Values.Where(f => f.Required && !value.ContainsKey(f.Name)))
            problems.Add($"{path}: required '{field.Name}' missing");
    }

    private void CheckValue(string path, JsonNode? value, IReadOnlyList<string> types, List<string> problems)
    {
        List<string>? best = null;
        foreach (var type in types)
        {
            var attempt = new List<string>();
            CheckOne(path, value, type, attempt);
            if (attempt.Count == 0)
                return;
            if (best is null || attempt.Count < best.Count)
                best = attempt;
        }
        if (best is { Count: > 0 })
            problems.AddRange(types.Count > 1 ? best.Select(p => p + $" (as one of {string.Join(" | ", types)})") : best);
    }

    private void CheckOne(string path, JsonNode? value, string type, List<string> problems)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        if (type.StartsWith(ArrayPrefix, StringComparison.Ordinal))
        {
            if (value is not JsonArray array)
            {
                problems.Add($"{path}: expected {type}, got {kind}");
                return;
            }
            var itemType = type[ArrayPrefix.Length..];
            for (var i = 0; i < array.Count; i++)
                CheckValue($"{path}[{i}]", array[i], [itemType], problems);
            return;
        }
        var ok = type switch
        {
            "Integer" => kind == JsonValueKind.Number && value!.AsValue().TryGetValue<long>(out _),
            "Float" => kind == JsonValueKind.Number,
            "String" => kind == JsonValueKind.String,
            "Boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            // A file_id or URL string, or an attach:// reference from a multipart upload.
            "InputFile" => kind == JsonValueKind.String,
            _ => (bool?)null,
        };
        if (ok is { } simple)
        {
            if (!simple)
                problems.Add($"{path}: expected {type}, got {kind}");
            return;
        }
        if (!_types.TryGetValue(type, out var description))
        {
            problems.Add($"{path}: the description has no type '{type}'");
            return;
        }
        if (value is not JsonObject obj)
        {
            problems.Add($"{path}: expected a {type} object, got {kind}");
            return;
        }
        if (description.Fields is { } fields)
        {
            CheckFields(path, fields, obj, problems);
            return;
        }
        // An abstract type: the subtype whose "type" field says "must be <value>".
        var tag = obj["type"]?.GetValueKind() == JsonValueKind.String ? obj["type"]!.GetValue<string>() : null;
        var subtype = description.Subtypes.FirstOrDefault(s => _types.TryGetValue(s, out var t) && t.Fields is { } f
            && f.TryGetValue("type", out var typeField) && MustBe().Match(typeField.Description) is { Success: true } m && m.Groups[1].Value == tag);
        if (subtype is null)
            CheckValue(path, obj, description.Subtypes, problems);
        else
            CheckOne(path, obj, subtype, problems);
    }

    private const string ArrayPrefix = "Array of ";

    private static FrozenDictionary<string, Field> Fields(JsonElement owner) =>
        owner.TryGetProperty("fields", out var fields)
            ? fields.EnumerateArray().Select(f => new Field(
                    f.GetProperty("name").GetString()!,
                    f.GetProperty("types").EnumerateArray().Select(t => t.GetString()!).ToArray(),
                    f.GetProperty("required").GetBoolean(),
                    f.TryGetProperty("description", out var d) ? d.GetString() ?? "" : ""))
                .ToFrozenDictionary(f => f.Name, StringComparer.Ordinal)
            : FrozenDictionary<string, Field>.Empty;

    [GeneratedRegex(@"must be (\S+?)[.,]?$")]
    private static partial Regex MustBe();

    private sealed record Field(string Name, IReadOnlyList<string> Types, bool Required, string Description);

    private sealed record Member(FrozenDictionary<string, Field> Fields);

    private sealed record TypeDescription(FrozenDictionary<string, Field>? Fields, IReadOnlyList<string> Subtypes);
}
