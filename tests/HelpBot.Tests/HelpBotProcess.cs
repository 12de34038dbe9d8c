using System.Diagnostics;
using System.Text;

namespace HelpBot.Tests;

/// <summary>Runs the built bot as a user would, with standard input, environment and a working folder.</summary>
public static class HelpBotProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string workingDirectory, string input, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // Bounds a hung process, not speed: `eval` trains a model, which takes minutes on a busy 2-core machine.
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("helpbot did not exit: " + await error);
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the bot as a service with no terminal (standard input closed); the caller stops it.</summary>
    public static Process StartServing(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var process = Process.Start(StartInfo(workingDirectory, environment, []))!;
        process.StandardInput.Close();
        // Drain the output so the bot never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "helpbot.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["Content__Path"] = RepositoryPaths.Content;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        return start;
    }
}
