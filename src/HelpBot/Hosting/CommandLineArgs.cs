namespace HelpBot.Hosting;

/// <summary>Turns the bot's friendly flags into configuration keys.</summary>
public static class CommandLineArgs
{
    public static string[] Normalize(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new List<string>();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            switch (e.Current)
            {
                case "--console":
                    result.Add("--Console:Enabled=true");
                    break;
                case "--record":
                    result.Add("--Console:Record");
                    break;
                default:
                    result.Add(e.Current);
                    break;
            }
        }
        return [.. result];
    }
}
