using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram.Tests;

/// <summary>Every log line of a bot under test, so tests can see what was logged (and that the token never was).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public string All => string.Join(Environment.NewLine, _entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception);

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
    }
}
