using System.Globalization;
using HelpBot.Engine.Storage;
using HelpBot.Hosting;
using HelpBot.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace HelpBot.Commands;

/// <summary>
/// <c>helpbot check-storage</c>, <c>helpbot backup [FILE]</c> and <c>helpbot restore FILE</c>, with the bot's own
/// settings (appsettings.json, environment, <c>--Storage:Path=…</c>).
/// </summary>
internal static class StorageCommands
{
    /// <summary>Opens the configured storage and reads all of it; prints the record counts (exit 0) or one line saying what is wrong (exit 1).</summary>
    public static Task<int> CheckAsync(string[] args) => WithStorageAsync(args, async (host, settings) =>
    {
        if (IsLiteDb(settings) && !File.Exists(LiteDbPath(settings)))
            return Fail($"Storage: {LiteDbPath(settings)} does not exist (Storage:Path); nothing to check.");
        var storage = host.Services.GetRequiredService<IStorageHealth>();
        await Console.Out.WriteLineAsync((await storage.VerifyAsync(CancellationToken.None)).ToString());
        return ExitCodes.Ok;
    });

    /// <summary>
    /// Writes a verified copy of the LiteDB file (default <c>backups/helpbot-UTCTIME.db</c> beside it). The file must
    /// not be open in a running bot (LiteDB's direct mode locks it): stop the bot, back up, start it.
    /// </summary>
    public static Task<int> BackupAsync(string[] args) => WithStorageAsync(SettingsOnly(args), async (host, settings) =>
    {
        if (!IsLiteDb(settings))
            return Fail("backup copies the LiteDB file; with Storage:Provider=Postgres use pg_dump -Fc (and pg_restore to restore).");
        var path = LiteDbPath(settings);
        if (!File.Exists(path))
            return Fail($"Storage: {path} does not exist (Storage:Path); nothing to back up.");
        var destination = Positional(args) ?? DefaultBackupPath(path, DateTimeOffset.UtcNow);
        var store = host.Services.GetRequiredService<LiteDbConversationStore>();
        var report = store.BackupTo(destination);
        await Console.Out.WriteLineAsync($"backup written: {report}");
        return ExitCodes.Ok;
    });

    /// <summary>
    /// Replaces the LiteDB file with a backup, the bot stopped: the backup is verified first, and the replaced file and
    /// its log are kept beside it as <c>*.replaced-UTCTIME</c>.
    /// </summary>
    public static Task<int> RestoreAsync(string[] args) => WithSettingsAsync(SettingsOnly(args), async settings =>
    {
        if (!IsLiteDb(settings))
            return Fail("restore replaces the LiteDB file; with Storage:Provider=Postgres use pg_restore.");
        if (Positional(args) is not { } backup || !File.Exists(backup))
            return Fail("usage: helpbot restore BACKUP-FILE (a file written by helpbot backup)");
        var path = LiteDbPath(settings);
        var restoring = path + ".restoring";
        File.Copy(backup, restoring, overwrite: true);
        try
        {
            using (var database = LiteDbFile.OpenVerified(restoring, LiteDbConversationStore.CreateMapper()))
                _ = database;
            var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            foreach (var live in new[] { path, LogFileOf(path) }.Where(File.Exists))
            {
                // Opening it alone fails while a bot has it open: restore only into a stopped bot.
                using (new FileStream(live, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
                File.Move(live, live + ".replaced-" + stamp);
            }
            File.Move(restoring, path);
        }
        catch (IOException ex)
        {
            File.Delete(restoring);
            return Fail($"Storage: {path} is in use or cannot be replaced ({StorageUnavailableException.OneLine(ex)}); stop the bot first.");
        }
        catch (StorageUnavailableException ex)
        {
            File.Delete(restoring);
            return Fail(ex.Message.Replace(restoring, backup, StringComparison.Ordinal));
        }
        await Console.Out.WriteLineAsync($"restored {path} from {backup}");
        return ExitCodes.Ok;
    });

    public static string DefaultBackupPath(string databasePath, DateTimeOffset now) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "backups",
            Path.GetFileNameWithoutExtension(databasePath) + "-" + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + Path.GetExtension(databasePath));

    /// <summary>LiteDB 5 keeps its write-ahead log beside the data file as <c>NAME-log.EXT</c>.</summary>
    private static string LogFileOf(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    private static bool IsLiteDb(IConfiguration settings) =>
        !string.Equals(settings[StorageServices.ProviderKey], "Postgres", StringComparison.OrdinalIgnoreCase);

    private static string LiteDbPath(IConfiguration settings) => settings["Storage:Path"] ?? new StorageOptions().Path;

    private static string? Positional(string[] args) => args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));

    private static string[] SettingsOnly(string[] args) => args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.Failed;
    }

    private static async Task<int> WithSettingsAsync(string[] args, Func<IConfiguration, Task<int>> run)
    {
        using var host = Build(args);
        return await run(host.Services.GetRequiredService<IConfiguration>());
    }

    private static async Task<int> WithStorageAsync(string[] args, Func<IHost, IConfiguration, Task<int>> run)
    {
        using var host = Build(args);
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return await run(host, host.Services.GetRequiredService<IConfiguration>());
        }
        catch (OptionsValidationException ex)
        {
            return Fail("Configuration is invalid: " + string.Join("; ", ex.Failures));
        }
        catch (StorageUnavailableException ex)
        {
            return Fail(ex.Message);
        }
    }

    private static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        HostConfiguration.AddBotSources(builder.Configuration, args);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddStorage();
        return builder.Build();
    }
}
