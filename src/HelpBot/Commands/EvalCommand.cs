using System.Globalization;
using HelpBot.Content;
using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;
using HelpBot.Hosting;
using HelpBot.Understanding;
using HelpBot.Understanding.Evaluation;
using Microsoft.Extensions.Options;

namespace HelpBot.Commands;

/// <summary>
/// <c>helpbot eval [FILE | --cv K | --loso N]</c>: measures the free-text reader. With a file of labelled messages, a
/// model trained on the content without those messages reads them; with <c>--cv K</c> (the default, K = 5), K-fold
/// cross-validation over all the training data; with <c>--loso N</c>, each of the examples files' newest N sets
/// (default 4) is read by a model trained without it. Prints top-1 accuracy, the off-topic fallback rate, wrong
/// sections, a threshold sweep and every miss. With a file, exit 1 when an off-topic message of it got a section.
/// </summary>
internal static class EvalCommand
{
    private const string Usage = "usage: helpbot eval [FILE | --cv K | --loso N | --saved FILE]";

    public static async Task<int> RunAsync(string[] args)
    {
        var folds = 5;
        int? sets = null;
        string? path = null;
        var saved = false;
        var rest = args;
        if (args.Length > 0 && args[0] == "--saved")
        {
            saved = true;
            args = args[1..];
        }
        if (args.Length > 0 && args[0] == "--loso")
        {
            var counted = args.Length > 1 && !args[1].StartsWith('-');
            var count = 4;
            if (counted && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 50))
            {
                await Console.Error.WriteLineAsync($"--loso needs a number of sets from 1 to 50 ({Usage})");
                return 2;
            }
            sets = count;
            rest = args[(counted ? 2 : 1)..];
        }
        else if (args.Length > 0 && args[0] == "--cv")
        {
            if (args.Length < 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out folds) || folds is < 2 or > 50)
            {
                await Console.Error.WriteLineAsync($"--cv needs a number of folds from 2 to 50 ({Usage})");
                return 2;
            }
            rest = args[2..];
        }
        else if (saved && (args.Length == 0 || args[0].StartsWith('-')))
        {
            await Console.Error.WriteLineAsync($"--saved needs a file of questions ({Usage})");
            return 2;
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
            if (saved)
                return await SavedAnswersAsync(catalog, host.Services.GetRequiredService<IOptions<UnderstandingOptions>>().Value, path!);
            if (sets is { } count)
            {
                var reports = evaluator.LeaveOneSetOut(count);
                foreach (var (set, setReport) in reports)
                {
                    var f = setReport.Figures;
                    await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"set {set}: top-1 {f.TopOneAccuracy:P1} ({f.Right}/{f.OnTopic}), wrong sections {f.OnTopicWrong} on topic, answered or offered {f.AnsweredOrOfferedRate:P1}, off-topic fallback {f.OffTopicFallbackRate:P1}"));
                }
                await Console.Out.WriteAsync(evaluator.Combine(reports.Select(r => r.Report), $"leave-one-set-out over the newest {reports.Count} sets").Format());
                return 0;
            }
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

    /// <summary>
    /// <c>--saved FILE</c>: moderators' saved answers simulated from one and from three questions a topic
    /// (<see cref="SavedAnswerSimulation"/>), then the guide's own figures with every topic's answer saved from three
    /// questions beside those without saved answers: 5-fold cross-validation and the newest set left out.
    /// </summary>
    private static async Task<int> SavedAnswersAsync(ContentCatalog catalog, UnderstandingOptions options, string path)
    {
        var questions = SavedAnswerSimulation.Load(path);
        var simulation = new SavedAnswerSimulation(catalog, options);
        foreach (var examples in (int[])[1, 3])
            await Console.Out.WriteAsync(simulation.Run(questions, examples).Format());

        var topics = questions.Select(q => q.Topic).Where(t => t != TopicNames.OffTopic).ToHashSet(StringComparer.Ordinal);
        var withSaved = SavedAnswerSimulation.Save(catalog, questions, topics, 3).Catalog;
        foreach (var (name, measured) in (IEnumerable<(string, ContentCatalog)>)[("without saved answers", catalog), ($"with {topics.Count} saved answers", withSaved)])
        {
            var evaluator = new Evaluator(measured, options);
            var guide = evaluator.Only(evaluator.CrossValidate(5), c => c.Expected is not { Kind: TopicKind.Saved }, $"the guide, 5-fold cross-validation, {name}");
            await Console.Out.WriteLineAsync(Summary(guide.Figures, guide.Source));
            foreach (var (set, report) in evaluator.LeaveOneSetOut(GuideSetsLeftOut))
                await Console.Out.WriteLineAsync(Summary(report.Figures, $"the guide, set '{set}' left out of training, {name}"));
        }
        return 0;
    }

    /// <summary>The newest sets of the examples files measured as if blind: the last blind set and the nearby questions written after it.</summary>
    private const int GuideSetsLeftOut = 2;

    private static string Summary(EvaluationFigures f, string source) => string.Create(CultureInfo.InvariantCulture,
        $"{source}: top-1 {Percent(f.Right, f.OnTopic)} ({f.Right}/{f.OnTopic}), wrong sections {f.OnTopicWrong} on topic ({Percent(f.OnTopicWrong, f.OnTopic)}), answered or offered {Percent(f.AnsweredOrOffered, f.OnTopic)}, off-topic fallback {Percent(f.OffTopicFellBack, f.OffTopic)}, small talk {Percent(f.SmallTalkRight, f.SmallTalk)}");

    /// <summary>A share of no messages is no figure: a set without on-topic messages has no 100 % of wrong sections.</summary>
    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : EvaluationReport.Share(part, whole).ToString("P1", CultureInfo.InvariantCulture);
}
