using System.Collections.Concurrent;
using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Training;
using Microsoft.Extensions.Logging;

namespace HelpBot.Understanding.Model;

/// <summary>
/// Trains a model only when no equal one exists: models are kept by a key made of the training data's digest, the
/// settings and the build of this assembly (its featurisation), in memory for the process and as model files in
/// <paramref name="directory"/> for the next start. A damaged or unreadable file is trained again and replaced.
/// </summary>
internal sealed partial class ModelStore(string? directory, ILogger logger)
{
    /// <summary>Models kept in memory: the current one and a few that content edits may come back to.</summary>
    private const int MemoryCapacity = 4;

    private static readonly ConcurrentDictionary<string, Lazy<IntentModel>> Memory = new(StringComparer.Ordinal);
    private static readonly string Build = typeof(ModelStore).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public IntentModel Get(IReadOnlyList<TrainingExample> examples, ModelSettings settings, out bool trained)
    {
        var key = $"{TrainingSet.Digest(examples)}-{Digest(settings)}-{Build}";
        var wasTrained = false;
        var lazy = Memory.GetOrAdd(key, _ => new Lazy<IntentModel>(() => LoadOrTrain(key, examples, settings, out wasTrained)));
        var model = lazy.Value;
        trained = wasTrained;
        if (Memory.Count > MemoryCapacity)
        {
            foreach (var old in Memory.Keys.Where(k => k != key).Take(Memory.Count - MemoryCapacity))
                Memory.TryRemove(old, out _);
        }
        return model;
    }

    /// <summary>Drops the models kept in memory, as a new process starts without them (tests of the disk cache).</summary>
    internal static void ForgetInMemory() => Memory.Clear();

    private IntentModel LoadOrTrain(string key, IReadOnlyList<TrainingExample> examples, ModelSettings settings, out bool trained)
    {
        if (directory is null)
        {
            trained = true;
            return IntentModel.Train(examples, settings);
        }
        var path = Path.Combine(directory, key + ".model");
        if (TryLoad(path) is { } cached)
        {
            trained = false;
            return cached;
        }
        // Several processes starting at once on the same content (instances, tests) train it once: the others wait
        // for the first one's file instead of each spending the CPU.
        using var trainer = TrainerLock(path + ".lock");
        if (TryLoad(path) is { } meanwhile)
        {
            trained = false;
            return meanwhile;
        }
        var model = IntentModel.Train(examples, settings);
        trained = true;
        Save(model, path);
        return model;
    }

    private IntentModel? TryLoad(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            return IntentModel.Load(path);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or InvalidDataException or FormatException or UnauthorizedAccessException or ArgumentException)
        {
            LogUnreadable(logger, path, ex.Message);
            return null;
        }
    }

    /// <summary>An exclusive lock file, held while training; null when the folder cannot hold one (training goes on alone).</summary>
    private FileStream? TrainerLock(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotSaved(logger, path, ex.Message);
            return null;
        }
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (waited.Elapsed < LockWait)
            {
                Thread.Sleep(100);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogNotSaved(logger, path, ex.Message);
                return null;
            }
        }
    }

    /// <summary>Longest wait for another process's training before training alone.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(2);

    private void Save(IntentModel model, string path)
    {
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            model.Save(temporary);
            // Another process may have saved the same model meanwhile: equal keys are equal models, so either file serves.
            File.Move(temporary, path, overwrite: true);
            Prune(Path.GetDirectoryName(path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotSaved(logger, path, ex.Message);
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Models kept on disk: each content edit or build adds one, and only the last few can come back.</summary>
    private const int DiskCapacity = 8;

    /// <summary>
    /// Deletes all but the newest models, files left half-written by a process that died while saving, and the previous
    /// reader's model files.
    /// </summary>
    private static void Prune(string folder)
    {
        var models = new DirectoryInfo(folder).GetFiles("*.model").OrderByDescending(f => f.LastWriteTimeUtc).Skip(DiskCapacity);
        var abandoned = new DirectoryInfo(folder).GetFiles("*.tmp").Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1));
        // The ML.NET reader before issue 24 kept its models as .zip files: no build reads them any more.
        var superseded = new DirectoryInfo(folder).GetFiles("*.zip");
        foreach (var file in models.Concat(abandoned).Concat(superseded))
        {
            try
            {
                file.Delete();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another process may be reading or pruning it; the next save tries again.
            }
        }
    }

    private static string Digest(ModelSettings settings) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(settings.ToString())))[..8];

    [LoggerMessage(3, LogLevel.Warning, "The cached model {Path} could not be read ({Reason}); training a new one")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(4, LogLevel.Warning, "The trained model could not be cached at {Path} ({Reason}); the next start trains again")]
    private static partial void LogNotSaved(ILogger logger, string path, string reason);
}
