namespace HelpBot.Channels.Telegram.Benchmarks;

/// <summary>One measured run: replies per second in the measuring window and update-to-reply latency percentiles.</summary>
internal sealed record LoadResult(string Bot, string Load, int Users, double UpdatesPerSecond, double P50Ms, double P99Ms, int Lost);
