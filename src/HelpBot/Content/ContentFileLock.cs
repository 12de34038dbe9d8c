using System.Collections.Concurrent;

namespace HelpBot.Content;

/// <summary>
/// One writer at a time for a content file the bot changes (a guide's examples, the saved answers): a gate in this
/// process and an exclusive lock on <c>.&lt;file&gt;.lock</c> beside the file, which other HelpBot processes honour
/// (.NET takes an advisory lock for <see cref="FileShare.None"/>). Under it a writer reads the file as it is now,
/// changes it and <see cref="ReplaceAsync">replaces</see> it atomically, so no change is lost to another.
/// </summary>
internal sealed class ContentFileLock : IDisposable
{
    /// <summary>How long to wait for another process's lock on a file before refusing.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan LockRetry = TimeSpan.FromMilliseconds(20);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate;
    private readonly FileStream _lockFile;

    private ContentFileLock(SemaphoreSlim gate, FileStream lockFile)
    {
        _gate = gate;
        _lockFile = lockFile;
    }

    /// <summary>The lock on <paramref name="path"/>; null when another process keeps it longer than <see cref="LockWait"/>.</summary>
    public static async Task<ContentFileLock?> TakeAsync(string path, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await LockFileAsync(path, cancellationToken) is { } lockFile)
                return new ContentFileLock(gate, lockFile);
        }
        catch
        {
            gate.Release();
            throw;
        }
        gate.Release();
        return null;
    }

    /// <summary>The file's text now, or "" when there is none yet.</summary>
    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : "";

    /// <summary>
    /// Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/>, lets <paramref name="check"/>
    /// read it there (the reason it is refused, or null), and only then moves it over the file: readers see the old
    /// text or the new, never a part. Returns the refusal; nothing is written then.
    /// </summary>
    public static async Task<string?> ReplaceAsync(string path, string text, Func<string, string?>? check, CancellationToken cancellationToken)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, text, cancellationToken);
            if (check?.Invoke(temporary) is { } refusal)
                return refusal;
            File.Move(temporary, path, overwrite: true);
            return null;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public void Dispose()
    {
        _lockFile.Dispose();
        _gate.Release();
    }

    private static async Task<FileStream?> LockFileAsync(string path, CancellationToken cancellationToken)
    {
        var lockPath = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".lock");
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(LockRetry, cancellationToken);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
