using HelpBot.Content;
using HelpBot.Engine.Content;
using HelpBot.Hosting;
using HelpBot.Understanding;
using HelpBot.Understanding.Evaluation;

namespace HelpBot.Commands;

/// <summary>
/// <c>helpbot eval [FILE]</c>: runs the labelled messages through free-text understanding and prints top-1 accuracy,
/// the off-topic fallback rate and every miss. Exit 1 when an off-topic message got a section.
/// </summary>
internal static class EvalCommand
{
    public const string DefaultFile = "tests/HelpBot.Understanding.Tests/evaluation.tsv";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Path.GetDirectoryName(ContentDirectory.Locate())!;
        var path = args.Length > 0 ? args[0] : DefaultFile;
        // Relative paths work from the working directory or the repository root.
        if (!File.Exists(path) && !Path.IsPathRooted(path))
            path = Path.Combine(root, path);
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"{path}: not found (usage: helpbot eval [FILE])");
            return 2;
        }
        using var host = CoreHost.Build(args.Skip(1).ToArray());
        var catalog = host.Services.GetRequiredService<IContentProvider>().Current;
        try
        {
            var cases = EvaluationSet.Load(path, catalog.DefaultGuide);
            var report = Evaluator.Run(host.Services.GetRequiredService<LuceneTextUnderstanding>(), catalog, cases);
            await Console.Out.WriteAsync(report.Format(path));
            return report.OffTopicFallbackRate < 1 ? 1 : 0;
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
