using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Content;

/// <summary>
/// Content loaded at start (invalid content stops the host) and reloaded when a file changes.
/// A reload that fails validation keeps the last good content and logs every error.
/// </summary>
public sealed partial class ReloadingContentProvider : IContentProvider, IContentReloader, IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    private readonly string _path;
    private readonly string _defaultLanguage;
    private readonly ILogger<ReloadingContentProvider> _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;
    private readonly Lock _reloadGate = new();
    private volatile ContentCatalog _current;

    public ReloadingContentProvider(IOptions<ContentOptions> options, ILogger<ReloadingContentProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _path = options.Value.ResolvePath();
        _defaultLanguage = options.Value.DefaultLanguage;
        _logger = logger;
        _current = ContentLoader.Load(_path, _defaultLanguage);
        LogLoaded(_logger, _path, _current.Languages.Count, _current.GuideIds.Count);

        _timer = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(_path) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.DirectoryName };
        FileSystemEventHandler changed = (_, _) => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Deleted += changed;
        _watcher.Renamed += (_, _) => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
        _watcher.EnableRaisingEvents = options.Value.WatchFiles;
    }

    public ContentCatalog Current => _current;

    public event Action<ContentCatalog>? Changed;

    /// <summary>Reloads now; returns the errors that kept the old content, or an empty list on success.</summary>
    public IReadOnlyList<ContentError> Reload()
    {
        lock (_reloadGate)
        {
            try
            {
                var catalog = ContentLoader.Load(_path, _defaultLanguage);
                _current = catalog;
                Changed?.Invoke(catalog);
                LogReloaded(_logger, _path);
                return [];
            }
            catch (ContentValidationException ex)
            {
                LogRejected(_logger, ex.Errors.Count, string.Join(Environment.NewLine, ex.Errors));
                return ex.Errors;
            }
            catch (IOException ex)
            {
                // An editor may still hold the file; the next change event retries.
                LogUnreadable(_logger, ex.Message);
                return [new ContentError(_path, 0, 0, ex.Message)];
            }
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }

    [LoggerMessage(1, LogLevel.Information, "Content loaded from {Path}: {Languages} language(s), {Guides} guide(s)")]
    private static partial void LogLoaded(ILogger logger, string path, int languages, int guides);

    [LoggerMessage(2, LogLevel.Information, "Content reloaded from {Path}")]
    private static partial void LogReloaded(ILogger logger, string path);

    [LoggerMessage(3, LogLevel.Error, "Content change rejected, the last good content stays in use ({Count} error(s)):\n{Errors}")]
    private static partial void LogRejected(ILogger logger, int count, string errors);

    [LoggerMessage(4, LogLevel.Warning, "Content could not be read, will retry on the next change: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
