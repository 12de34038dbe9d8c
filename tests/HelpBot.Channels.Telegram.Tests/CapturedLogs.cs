using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram.Tests;

/// <summary>Every log line of a bot under test, so tests can see what was logged (and that the token never was).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public string All => string.Join(Environment.NewLine, _entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Waits (at most <paramref name="timeout"/>, 10 s by default) until an entry matching <paramref name="match"/> has been logged.</summary>
    public async Task<Entry> WaitForAsync(Func<Entry, bool> match, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var logged = Volatile.Read(ref _logged).Task;
            if (_entries.FirstOrDefault(match) is { } found)
                return found;
            try
            {
                await logged.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("the expected log line did not come; logged: " + All);
            }
        }
    }

    private void Add(Entry entry)
    {
        _entries.Enqueue(entry);
        Interlocked.Exchange(ref _logged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public void Dispose()
    {
    }

    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception);

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new Entry(logLevel, category, formatter(state, exception), exception));
    }
}
