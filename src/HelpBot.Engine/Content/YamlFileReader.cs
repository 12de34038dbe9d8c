using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HelpBot.Engine.Content;

/// <summary>
/// Reads one YAML file node by node so that every error can name the exact line;
/// a typed deserializer would lose positions for semantic errors.
/// </summary>
internal sealed class YamlFileReader(string file, List<ContentError> errors)
{
    public string File { get; } = file;

    public YamlMappingNode? LoadRoot(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add(new ContentError(File, (int)ex.Start.Line, (int)ex.Start.Column, "YAML syntax: " + ex.Message));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new ContentError(File, 1, 1, "expected a mapping of keys at the top of the file"));
            return null;
        }
        return root;
    }

    public void Error(YamlNode node, string message) =>
        errors.Add(new ContentError(File, (int)node.Start.Line, (int)node.Start.Column, message));

    public void RejectUnknownKeys(YamlMappingNode map, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (Array.IndexOf(allowed, name) < 0)
                Error(key, $"unknown key '{name}' (allowed: {string.Join(", ", allowed)})");
        }
    }

    public static YamlNode? Find(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public string RequiredText(YamlMappingNode map, string key)
    {
        var node = Find(map, key);
        if (node is null)
        {
            Error(map, $"missing required key '{key}'");
            return "";
        }
        return Text(node, key) ?? "";
    }

    public string? OptionalText(YamlMappingNode map, string key) =>
        Find(map, key) is { } node ? Text(node, key) : null;

    public bool OptionalFlag(YamlMappingNode map, string key)
    {
        var text = OptionalText(map, key);
        if (text is null or "false")
            return false;
        if (text == "true")
            return true;
        Error(Find(map, key)!, $"'{key}' must be true or false, got '{text}'");
        return false;
    }

    public int RequiredInt(YamlMappingNode map, string key)
    {
        var text = RequiredText(map, key);
        if (text.Length > 0 && !int.TryParse(text, out var value))
        {
            Error(Find(map, key)!, $"'{key}' must be a whole number, got '{text}'");
            return 0;
        }
        return text.Length == 0 ? 0 : int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<string> TextList(YamlMappingNode map, string key) =>
        Sequence(map, key, "a list of phrases", sequence => sequence.Children.Select(item => Text(item, key)).OfType<string>().ToList());

    /// <summary>An optional list under <paramref name="key"/>, read by <paramref name="read"/>; anything but a list is an error naming <paramref name="expected"/>.</summary>
    private IReadOnlyList<T> Sequence<T>(YamlMappingNode map, string key, string expected, Func<YamlSequenceNode, IReadOnlyList<T>> read)
    {
        switch (Find(map, key))
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                return read(sequence);
            case var other:
                Error(other, $"'{key}' must be {expected}");
                return [];
        }
    }

    public YamlMappingNode? Mapping(YamlMappingNode map, string key, bool required)
    {
        switch (Find(map, key))
        {
            case null when required:
                Error(map, $"missing required section '{key}'");
                return null;
            case null:
                return null;
            case YamlMappingNode mapping:
                return mapping;
            case var other:
                Error(other, $"'{key}' must be a section with keys");
                return null;
        }
    }

    public IEnumerable<YamlMappingNode> Items(YamlMappingNode map, string key)
    {
        var node = Find(map, key);
        if (node is null)
        {
            Error(map, $"missing required list '{key}'");
            yield break;
        }
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            Error(node, $"'{key}' must be a non-empty list");
            yield break;
        }
        foreach (var item in sequence.Children)
        {
            if (item is YamlMappingNode mapping)
                yield return mapping;
            else
                Error(item, $"each entry of '{key}' must be a section with keys");
        }
    }

    private string? Text(YamlNode node, string key)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"'{key}' must be text");
            return null;
        }
        var value = (scalar.Value ?? "").Trim();
        if (value.Length == 0)
        {
            Error(node, $"'{key}' must not be empty");
            return null;
        }
        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not '\n' and not '\t')
            {
                Error(node, $"'{key}' contains a control character U+{(int)c:X4}");
                return null;
            }
        }
        return value;
    }
}
