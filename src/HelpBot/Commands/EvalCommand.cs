using System.Globalization;
using HelpBot.Content;
using HelpBot.Engine.Content;
using HelpBot.Hosting;
using HelpBot.Understanding;
using HelpBot.Understanding.Evaluation;
using Microsoft.Extensions.Options;

namespace HelpBot.Commands;

/// <summary>
/// <c>helpbot eval [FILE | --cv K]</c>: measures the free-text reader. With a file of labelled messages, a model trained
/// on the content without those messages reads them; with <c>--cv K</c> (the default, K = 5), K-fold cross-validation
/// over all the training data. Prints top-1 accuracy, the off-topic fallback rate, wrong sections, a threshold sweep and
/// every miss. With a file, exit 1 when an off-topic message of it got a section.
/// </summary>
internal static class EvalCommand
{
    private const string Usage = "usage: helpbot eval [FILE | --cv K]";

    public static async Task<int> RunAsync(string[] args)
    {
        var folds = 5;
        string? path = null;
        var rest = args;
        if (args.Length > 0 && args[0] == "--cv")
        {
            if (args.Length < 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out folds) || folds is < 2 or > 50)
            {
                await Console.Error.WriteLineAsync($"--cv needs a number of folds from 2 to 50 ({Usage})");
                return 2;
            }
            rest = args[2..];
        }
        else if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            path = args[0];
            rest = args[1..];
            // Relative paths work from the working directory or the repository root.
            if (!File.Exists(path) && !Path.IsPathRooted(path))
                path = Path.Combine(Path.GetDirectoryName(ContentDirectory.Locate())!, path);
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"{path}: not found ({Usage})");
                return 2;
            }
        }
        using var host = CoreHost.Build(rest);
        var catalog = host.Services.GetRequiredService<IContentProvider>().Current;
        var evaluator = new Evaluator(catalog, host.Services.GetRequiredService<IOptions<UnderstandingOptions>>().Value);
        try
        {
            var report = path is null ? evaluator.CrossValidate(folds) : evaluator.Holdout(EvaluationSet.Load(path, catalog.DefaultGuide), path);
            await Console.Out.WriteAsync(report.Format());
            // A file is a gate (an off-topic message answered fails it); cross-validation only reports.
            return path is not null && report.Figures.OffTopicFallbackRate < 1 ? 1 : 0;
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }
}
