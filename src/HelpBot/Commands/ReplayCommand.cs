using HelpBot.Hosting;

namespace HelpBot.Commands;

/// <summary><c>helpbot replay PATH...</c>: runs transcripts and ends with <c>N passed, N failed</c>.</summary>
internal static class ReplayCommand
{
    public static async Task<int> RunAsync(string[] paths, string[] hostArgs)
    {
        if (paths.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: helpbot replay PATH... (transcript files or folders of *.chat)");
            return 2;
        }
        using var host = CoreHost.Build(hostArgs);
        var sessions = host.Services.GetRequiredService<ReplaySessions>();
        try
        {
            return await sessions.CreateRunner().RunAllAsync(paths, Console.Out);
        }
        catch (FileNotFoundException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
