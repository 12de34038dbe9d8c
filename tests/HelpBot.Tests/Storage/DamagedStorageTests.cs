using System.Diagnostics;
using HelpBot.Hosting;

namespace HelpBot.Tests.Storage;

/// <summary>
/// The built bot started on storage it cannot use: it stops at once with one line naming the file and what to do,
/// and the exit code of a bad setting, instead of serving some users an apology and crashing on others.
/// </summary>
public sealed class DamagedStorageTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("helpbot-damaged-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_folder.FullName, "data", "helpbot.db");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(DamagedDatabase.Damage.CutInHalf)]
    [InlineData(DamagedDatabase.Damage.EightKilobytesOverwritten)]
    [InlineData(DamagedDatabase.Damage.RandomBytesInPages)]
    [InlineData(DamagedDatabase.Damage.ZeroedHeader)]
    public async Task Start_DamagedFile_StopsWithOneLineNamingTheFile(DamagedDatabase.Damage damage)
    {
        await DamagedDatabase.CreateAsync(DatabasePath, Ct);
        DamagedDatabase.Apply(DatabasePath, damage);
        var before = File.ReadAllBytes(DatabasePath);

        var result = await StartAsync(DatabasePath);

        AssertStoppedWithOneLine(result, DatabasePath, "is damaged");
        Assert.Contains("helpbot restore", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(DatabasePath));
    }

    [Fact]
    public async Task Start_PathIsAFolder_StopsWithOneLine()
    {
        Directory.CreateDirectory(DatabasePath);

        var result = await StartAsync(DatabasePath);

        AssertStoppedWithOneLine(result, DatabasePath, "is a folder, not a database file");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Start_ReadOnlyFileSystem_StopsWithOneLine()
    {
        await DamagedDatabase.CreateAsync(DatabasePath, Ct);
        using var readOnly = ReadOnlyView.Of(Path.GetDirectoryName(DatabasePath)!);

        var path = Path.Combine(readOnly.Path, "helpbot.db");
        var result = await StartAsync(path);

        AssertStoppedWithOneLine(result, path, "cannot be opened for reading and writing");
        Assert.Contains("writable", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckStorage_SoundFile_CountsEveryCollection_DamagedFile_Fails()
    {
        await DamagedDatabase.CreateAsync(DatabasePath, Ct);

        var sound = await HelpBotProcess.RunAsync(_folder.FullName, "", null, "check-storage", "--Storage:Path=" + DatabasePath);
        DamagedDatabase.Apply(DatabasePath, DamagedDatabase.Damage.RandomBytesInPages);
        var damaged = await HelpBotProcess.RunAsync(_folder.FullName, "", null, "check-storage", "--Storage:Path=" + DatabasePath);

        Assert.Equal((ExitCodes.Ok, ""), (sound.ExitCode, sound.Error));
        Assert.Contains("users 400", sound.Output, StringComparison.Ordinal);
        Assert.Contains("questions 400", sound.Output, StringComparison.Ordinal);
        AssertOneLine(damaged, ExitCodes.Failed, DatabasePath, "is damaged");
    }

    [Fact]
    public async Task BackupThenRestore_DamagedFileReplaced_BotStartsWithTheBackedUpConversations()
    {
        await DamagedDatabase.CreateAsync(DatabasePath, Ct);
        var backup = Path.Combine(_folder.FullName, "backup.db");

        var backedUp = await HelpBotProcess.RunAsync(_folder.FullName, "", null, "backup", backup, "--Storage:Path=" + DatabasePath);
        DamagedDatabase.Apply(DatabasePath, DamagedDatabase.Damage.EightKilobytesOverwritten);
        var restored = await HelpBotProcess.RunAsync(_folder.FullName, "", null, "restore", backup, "--Storage:Path=" + DatabasePath);
        var check = await HelpBotProcess.RunAsync(_folder.FullName, "", null, "check-storage", "--Storage:Path=" + DatabasePath);

        Assert.Equal((ExitCodes.Ok, ""), (backedUp.ExitCode, backedUp.Error));
        Assert.Equal((ExitCodes.Ok, ""), (restored.ExitCode, restored.Error));
        Assert.Equal((ExitCodes.Ok, ""), (check.ExitCode, check.Error));
        Assert.Contains("users 400", check.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!, "helpbot.db.replaced-*"));
    }

    private Task<HelpBotProcess.Result> StartAsync(string databasePath) =>
        HelpBotProcess.RunAsync(_folder.FullName, "/steps\n", new Dictionary<string, string> { ["Storage__Path"] = databasePath });

    private static void AssertStoppedWithOneLine(HelpBotProcess.Result result, string path, string what)
    {
        AssertOneLine(result, ExitCodes.BadSettings, path, what);
        Assert.Equal("", result.Output);
    }

    private static void AssertOneLine(HelpBotProcess.Result result, int exitCode, string path, string what)
    {
        Assert.True(exitCode == result.ExitCode, $"exit code {result.ExitCode}, not {exitCode}: {result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains(what, line, StringComparison.Ordinal);
    }

    /// <summary>
    /// A read-only view of a folder: a read-only bind mount when running as root (permissions do not stop root),
    /// otherwise the folder and its files made read-only.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class ReadOnlyView : IDisposable
    {
        private readonly string _source;
        private readonly bool _mounted;

        private ReadOnlyView(string source, string path, bool mounted)
        {
            _source = source;
            Path = path;
            _mounted = mounted;
        }

        public string Path { get; }

        public static ReadOnlyView Of(string folder)
        {
            if (Environment.UserName != "root")
            {
                foreach (var file in Directory.GetFiles(folder))
                    File.SetUnixFileMode(file, UnixFileMode.UserRead);
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
                return new ReadOnlyView(folder, folder, mounted: false);
            }
            var view = folder + "-readonly";
            Directory.CreateDirectory(view);
            Run("mount", "--bind", folder, view);
            Run("mount", "-o", "remount,ro,bind", view);
            return new ReadOnlyView(folder, view, mounted: true);
        }

        public void Dispose()
        {
            if (_mounted)
            {
                Run("umount", Path);
                Directory.Delete(Path);
            }
            else
            {
                File.SetUnixFileMode(_source, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        private static void Run(string command, params string[] args)
        {
            using var process = Process.Start(command, args);
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed with {process.ExitCode}");
        }
    }
}
