using System.Collections.Concurrent;
using System.Diagnostics;

namespace HelpBot.Tests.Faults;

/// <summary>
/// The built bot as a process on a LiteDB file, serving Telegram from a fake Bot API, with its log lines kept so a test
/// can wait for one. It can be killed (SIGKILL) or stopped as an operator would (SIGTERM).
/// </summary>
public sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private TaskCompletionSource _output = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BotProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // A bot that stops (bad settings, storage gone) wakes its waiters, so they fail at once with its output.
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => Signal();
    }

    public string Output => string.Join(Environment.NewLine, _lines);

    public IReadOnlyList<string> Lines => [.. _lines];

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the bot. Delivery and polling pauses are short and Telegram's rate limits off, so faults resolve in
    /// seconds; <paramref name="settings"/> (environment names) adds or overrides.
    /// </summary>
    public static BotProcess Start(string apiBaseUrl, string token, string databasePath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Telegram__Token"] = token,
            ["Telegram__ApiBaseUrl"] = apiBaseUrl,
            ["Telegram__PollingTimeoutSeconds"] = "1",
            ["Telegram__PollingErrorDelay"] = "00:00:00.200",
            ["Telegram__MessagesPerSecond"] = "0",
            ["Telegram__ChatMessagesPerSecond"] = "0",
            ["Telegram__GroupMessagesPerMinute"] = "0",
            ["Delivery__RetryBaseDelay"] = "00:00:00.100",
            ["Delivery__RetryMaxDelay"] = "00:00:00.400",
            ["Delivery__PollInterval"] = "00:00:00.100",
            ["Storage__Path"] = databasePath,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        var folder = Path.GetDirectoryName(databasePath)!;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "helpbot.dll"));
        start.Environment["Content__Path"] = RepositoryPaths.Content;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return new BotProcess(process);
    }

    /// <summary>
    /// The settings of a bot in webhook mode on <paramref name="connectionString"/>'s PostgreSQL database, listening on a free
    /// loopback port that <see cref="ListeningAddressAsync"/> reads from its log.
    /// </summary>
    public static Dictionary<string, string> WebhookOnPostgres(string connectionString)
    {
        var settings = ListeningOnLoopback();
        settings["Storage__Provider"] = "Postgres";
        settings["Storage__ConnectionString"] = connectionString;
        settings["Telegram__Mode"] = "Webhook";
        settings["Telegram__WebhookUrl"] = "https://bot.example.test" + WebhookPath;
        settings["Telegram__SecretToken"] = WebhookSecret;
        return settings;
    }

    /// <summary>
    /// The settings of a bot listening on a free loopback port (<see cref="ListeningAddressAsync"/> reads it from the log)
    /// and logging when it has started (<see cref="StartedAsync"/>).
    /// </summary>
    public static Dictionary<string, string> ListeningOnLoopback() => new()
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    public const string WebhookPath = "/telegram/update";
    public const string WebhookSecret = "fault-test-secret";

    /// <summary>Where the bot's HTTP server listens, from its "Now listening on:" line.</summary>
    public async Task<Uri> ListeningAddressAsync(TimeSpan timeout)
    {
        const string Listening = "Now listening on: ";
        var line = await WaitForLineAsync(l => l.Contains(Listening, StringComparison.Ordinal), timeout);
        return new Uri(line[(line.IndexOf(Listening, StringComparison.Ordinal) + Listening.Length)..].Trim());
    }

    /// <summary>
    /// Where the bot listens, once every service (channels, outbox) has started: the host's "Application started" line
    /// comes after them, so from then on /readyz has no "starting" to report.
    /// </summary>
    public async Task<Uri> StartedAsync(TimeSpan timeout)
    {
        var address = await ListeningAddressAsync(timeout);
        await WaitForLineAsync(l => l.Contains("Application started", StringComparison.Ordinal), timeout);
        return address;
    }

    /// <summary>kill -9: no shutdown, no flush, whatever was in flight.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd or Docker stop a service; returns the exit code once it has stopped.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits (bounded) for an output line matching <paramref name="match"/>; fails with the output when it does not come.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            var output = Volatile.Read(ref _output).Task;
            if (_lines.FirstOrDefault(match) is { } line)
                return line;
            if (_process.HasExited)
            {
                _process.WaitForExit(); // the rest of its output
                return _lines.FirstOrDefault(match)
                    ?? throw new InvalidOperationException($"the bot exited ({_process.ExitCode}) without logging the expected line; it logged:" + Environment.NewLine + Output);
            }
            try
            {
                await output.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("the bot did not log the expected line; it logged:" + Environment.NewLine + Output);
            }
        }
    }

    public int CountLines(Func<string, bool> match) => _lines.Count(match);

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        _lines.Enqueue(line);
        Signal();
    }

    private void Signal() =>
        Interlocked.Exchange(ref _output, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
