using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HelpBot.Engine.Content;

/// <summary>
/// One text of a guide's file a moderator may edit: <see cref="Key"/> names it the same in every language
/// (<c>intro</c>, <c>steps/open-settings/text</c>, <c>consequences/items/no-trading/title</c>, <c>parts/2/intro</c>: list
/// entries by their <c>id</c> or <c>number</c>); <see cref="Line"/> and <see cref="Column"/> are where its value starts (1-based).
/// </summary>
public sealed record GuideText(string Key, string Text, int Line, int Column);

/// <summary>
/// The editable texts of a guide's YAML file (<c>&lt;lang&gt;/&lt;guide&gt;.yaml</c>) and changing one of them in place: only
/// that value's characters are replaced, so comments, layout and every other section stay exactly as they were.
/// </summary>
public static class GuideFile
{
    /// <summary>Values that are not prose: ids and numbers (they tie the languages together), the form's English words, flags.</summary>
    private static readonly HashSet<string> Fixed = new(StringComparer.Ordinal) { "id", "number", "part", "show_reasons", "option" };

    /// <summary>Every editable text of the file, in file order; empty when it is not valid YAML.</summary>
    public static IReadOnlyList<GuideText> Texts(string text)
    {
        var found = new List<GuideText>();
        if (Root(text) is { } root)
            Collect(root, "", (key, node) => found.Add(new GuideText(key, node.Value ?? "", (int)node.Start.Line, (int)node.Start.Column)));
        return found;
    }

    /// <summary>
    /// The file's text with the value under <paramref name="key"/> replaced by <paramref name="value"/>, written as a
    /// double-quoted scalar on one line (every character YAML could read otherwise escaped), so no text can break the
    /// file or change another value; null with <paramref name="problem"/> when the file has no such text, or when
    /// reading the result back does not give exactly the same file but for this value.
    /// </summary>
    public static string? Replace(string text, string key, string value, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(value);
        YamlScalarNode? target = null;
        if (Root(text) is { } root)
            Collect(root, "", (k, node) => target = k == key ? node : target);
        if (target is null)
        {
            problem = $"the file has no text '{key}'";
            return null;
        }
        var start = (int)target.Start.Index;
        var end = (int)target.End.Index;
        // A block scalar (| or >) ends after its line breaks, which belong to the layout around it: keep them.
        var span = text.AsSpan(start, end - start);
        var trailing = span.Length - span.TrimEnd(" \t\r\n").Length;
        var edited = string.Concat(text.AsSpan(0, start), Quoted(value), text.AsSpan(end - trailing, trailing), text.AsSpan(end));

        var before = Texts(text);
        var after = Texts(edited);
        var same = before.Count == after.Count && before.Zip(after).All(p => p.First.Key == p.Second.Key
            && (p.First.Key == key ? p.Second.Text == value : p.First.Text == p.Second.Text));
        problem = same ? null : $"the text '{key}' could not be replaced without changing the rest of the file";
        return same ? edited : null;
    }

    /// <summary><paramref name="value"/> as a YAML double-quoted scalar on one line.</summary>
    public static string Quoted(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\r': quoted.Append("\\r"); break;
                case var _ when char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]):
                    quoted.Append(c).Append(value[++i]);
                    break;
                // Control and format characters, line separators, a BOM and lone surrogates: YAML would read them differently or not at all.
                case var _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\u0085':
                    quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default: quoted.Append(c); break;
            }
        }
        return quoted.Append('"').ToString();
    }

    private static YamlMappingNode? Root(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException)
        {
            return null;
        }
        return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
    }

    private static void Collect(YamlMappingNode map, string prefix, Action<string, YamlScalarNode> found)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } name })
                continue;
            var key = prefix + name;
            switch (value)
            {
                case YamlScalarNode scalar when !Fixed.Contains(name):
                    found(key, scalar);
                    break;
                case YamlMappingNode child:
                    Collect(child, key + "/", found);
                    break;
                case YamlSequenceNode list:
                    // Lists of phrases (match:) are training data, not messages; lists of sections are entered by their id.
                    for (var i = 0; i < list.Children.Count; i++)
                    {
                        if (list.Children[i] is YamlMappingNode item)
                            Collect(item, key + "/" + ItemName(item, i) + "/", found);
                    }
                    break;
            }
        }
    }

    private static string ItemName(YamlMappingNode item, int index) =>
        (YamlFileReader.Find(item, "id") ?? YamlFileReader.Find(item, "number")) is YamlScalarNode { Value: { Length: > 0 } name } ? name : "#" + index.ToString(CultureInfo.InvariantCulture);
}
