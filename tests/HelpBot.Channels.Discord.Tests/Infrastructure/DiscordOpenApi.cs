using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HelpBot.Tests;
using Json.Schema;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>
/// Checks outgoing JSON against Discord's published OpenAPI description (specs/discord-openapi.json, a copy kept in this repository), as the
/// specs README describes: match the path template and method, validate the body with JSON Schema 2020-12, plus the
/// rules the schema does not carry (5 action rows, 5 modal components, locale keys, flag bits, unique custom ids).
/// </summary>
public static partial class DiscordOpenApi
{
    private const string SchemasId = "https://discord.test/openapi/schemas";
    private const int EphemeralFlag = 1 << 6;

    private static readonly Lazy<Spec> Loaded = new(Load);

    public static string SpecPath => Path.Combine(RepositoryPaths.Root, "specs", "discord-openapi.json");

    /// <summary>An interaction response (our HTTP answer) is the body of <c>POST /interactions/{id}/{token}/callback</c>.</summary>
    public static void AssertValidCallback(JsonElement body) =>
        AssertValidRequest("POST", "/interactions/1/token/callback", body);

    public static void AssertValidRequest(RecordedRequest request)
    {
        Assert.Contains(request.ContentType?.Split(';')[0], (string[])["application/json", "multipart/form-data"]);
        Assert.StartsWith("DiscordBot (", request.UserAgent ?? "", StringComparison.Ordinal);
        AssertValidRequest(request.Method, request.Path, JsonDocument.Parse(request.Body).RootElement);
    }

    public static void AssertValidRequest(string method, string path, JsonElement body)
    {
        var errors = Validate(method, path, body);
        Assert.True(errors.Count == 0, $"{method} {path} does not match Discord's OpenAPI:\n{string.Join("\n", errors)}\n{body}");
    }

    public static IReadOnlyList<string> Validate(string method, string path, JsonElement body)
    {
        var spec = Loaded.Value;
        if (spec.FindOperation(method, path) is not { } schema)
            return [$"no operation {method} {path} in the spec"];
        var errors = new List<string>();
        var result = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            errors.AddRange((result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));
            if (errors.Count == 0)
                errors.Add("invalid (no details)");
        }
        errors.AddRange(ExtraRules(body, spec.Locales));
        return errors;
    }

    /// <summary>The rules Discord documents but the schema cannot express.</summary>
    private static IEnumerable<string> ExtraRules(JsonElement body, IReadOnlySet<string> locales)
    {
        if (body.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in body.EnumerateArray())
            {
                foreach (var error in ExtraRules(item, locales))
                    yield return error;
            }
            yield break;
        }
        if (body.ValueKind != JsonValueKind.Object)
            yield break;
        var message = body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data : body;
        if (body.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Number && type.GetInt32() == 9)
        {
            if (message.GetProperty("components").GetArrayLength() > 5)
                yield return "a modal has more than 5 components";
        }
        else if (message.TryGetProperty("components", out var rows) && rows.ValueKind == JsonValueKind.Array)
        {
            if (rows.GetArrayLength() > 5)
                yield return "more than 5 action rows";
            var ids = rows.EnumerateArray().SelectMany(r => r.GetProperty("components").EnumerateArray())
                .Select(c => c.TryGetProperty("custom_id", out var id) ? id.GetString() : null).Where(id => id is not null).ToList();
            if (ids.Count != ids.Distinct(StringComparer.Ordinal).Count())
                yield return "custom_id repeated in one message";
        }
        if (message.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Number && (flags.GetInt32() & ~EphemeralFlag) != 0)
            yield return $"flags {flags.GetInt32()} set bits other than EPHEMERAL";
        foreach (var error in LocaleKeys(body, locales))
            yield return error;
    }

    private static IEnumerable<string> LocaleKeys(JsonElement element, IReadOnlySet<string> locales)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in element.EnumerateArray().SelectMany(e => LocaleKeys(e, locales)))
                yield return error;
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name.EndsWith("_localizations", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var key in property.Value.EnumerateObject().Select(p => p.Name).Where(k => !locales.Contains(k)))
                        yield return $"{property.Name} has key '{key}', not in AvailableLocalesEnum";
                }
                foreach (var error in LocaleKeys(property.Value, locales))
                    yield return error;
            }
        }
    }

    private static Spec Load()
    {
        var root = JsonNode.Parse(File.ReadAllText(SpecPath))!.AsObject();
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };

        // components.schemas become $defs of one registered schema document; every $ref is rewritten to point there.
        var schemas = root["components"]!["schemas"]!.ToJsonString();
        var defs = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$id\":\"" + SchemasId + "\",\"$defs\":" + Rewrite(schemas) + "}";
        JsonSchema.FromText(defs, options);

        var operations = new List<(string Method, Regex Path, JsonSchema Schema)>();
        foreach (var (template, item) in root["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is not JsonObject || operation["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema)
                    continue;
                var text = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$ref\":\"#/$defs/body\",\"$defs\":{\"body\":" + Rewrite(schema.ToJsonString()) + "}}";
                operations.Add((method.ToUpperInvariant(), TemplateRegex(template), JsonSchema.FromText(text, options, new Uri($"https://discord.test/openapi/operations/{operations.Count}"))));
            }
        }
        // Literal segments such as @original must win over {message_id}: fewest parameters first.
        operations.Sort((a, b) => ParameterCount(a.Path) - ParameterCount(b.Path));

        var locales = root["components"]!["schemas"]!["AvailableLocalesEnum"]!["oneOf"]!.AsArray()
            .Select(n => n!["const"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        return new Spec(operations, locales);
    }

    private static string Rewrite(string json) => json.Replace("\"#/components/schemas/", "\"" + SchemasId + "#/$defs/", StringComparison.Ordinal);

    private static Regex TemplateRegex(string template) =>
        new("^" + Parameter().Replace(Regex.Escape(template).Replace("\\{", "{", StringComparison.Ordinal), "[^/]+") + "$");

    private static int ParameterCount(Regex path) => path.ToString().Split("[^/]+").Length - 1;

    [GeneratedRegex(@"\{[a-z_]+\}")]
    private static partial Regex Parameter();

    private sealed record Spec(List<(string Method, Regex Path, JsonSchema Schema)> Operations, IReadOnlySet<string> Locales)
    {
        public JsonSchema? FindOperation(string method, string path)
        {
            var bare = path.Split('?')[0];
            return Operations.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(bare)).Schema;
        }
    }
}
