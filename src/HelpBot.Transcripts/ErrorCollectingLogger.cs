using Microsoft.Extensions.Logging;

namespace HelpBot.Transcripts;

/// <summary>Keeps the last exception the engine logged, so replay can fail a transcript on it.</summary>
public sealed class ErrorCollectingLogger<T> : ILogger<T>
{
    private Exception? _error;

    public Exception? Take() => Interlocked.Exchange(ref _error, null);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
            _error = exception ?? new InvalidOperationException(formatter?.Invoke(state, null));
    }
}
