using System.Globalization;
using HelpBot.Engine.Dialog;

namespace HelpBot.Channels.Console;

/// <summary>How a typed line presses a button: its number, or its label in brackets.</summary>
public static class ConsoleInput
{
    public static Button? FindButton(string line, IReadOnlyList<Button> offered)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(offered);
        var text = line.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return number >= 1 && number <= offered.Count ? offered[number - 1] : null;
        if (text.Length > 2 && text[0] == '[' && text[^1] == ']')
            return offered.FirstOrDefault(b => b.Label.Contains(text[1..^1], StringComparison.OrdinalIgnoreCase));
        return null;
    }
}
