namespace HelpBot.Engine.Dialog;

/// <summary>Parses <c>/name[@bot] argument</c>: names are matched case-insensitively, the argument is kept as typed.</summary>
internal static class CommandLine
{
    /// <summary>
    /// A command given with named arguments as the line a user would type: <c>/name</c> and the non-empty values in
    /// the order of the table's arguments, separated by spaces.
    /// </summary>
    public static string Format(string name, IReadOnlyDictionary<string, string>? arguments)
    {
        var values = (DialogTable.Find(name)?.Arguments ?? [])
            .Select(a => arguments?.GetValueOrDefault(a.Name)?.Trim() ?? "")
            .Where(v => v.Length > 0);
        return string.Join(' ', values.Prepend("/" + name));
    }

    public static bool TryParse(string text, out string name, out string argument)
    {
        name = "";
        argument = "";
        if (text.Length < 2 || text[0] != '/' || !char.IsAsciiLetter(text[1]))
            return false;
        var end = 1;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
            end++;
        var word = text.AsSpan(1, end - 1);
        var at = word.IndexOf('@');
        if (at >= 0)
            word = word[..at];
        name = word.ToString().ToLowerInvariant();
        argument = text[end..].Trim();
        return true;
    }
}
