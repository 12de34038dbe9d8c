using System.Globalization;

namespace HelpBot.Channels.Telegram.Benchmarks;

/// <summary>The few knobs of the load run, with defaults sized for a shared 2-core machine (about two minutes in all).</summary>
internal sealed record Arguments(int Users, double Rate, TimeSpan Warmup, TimeSpan Measure, IReadOnlyList<string> Bots)
{
    public static Arguments Parse(string[] args)
    {
        var result = new Arguments(1000, 2000, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), ["echo", "memory", "litedb"]);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            result = args[i] switch
            {
                "--users" => result with { Users = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => result with { Rate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => result with { Measure = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--warmup" => result with { Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--bots" => result with { Bots = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"unknown option {args[i]}; see Program.cs"),
            };
        }
        return result;
    }
}
