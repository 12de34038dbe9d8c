using System.Text.RegularExpressions;
using HelpBot.Engine.Dialog;

namespace HelpBot.Transcripts;

/// <summary>The outcome of one transcript: its failures, each naming file and line.</summary>
public sealed record TranscriptResult(string File, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// Replays transcripts against a fresh engine each (fresh store, same content), so they never depend on each other.
/// </summary>
public sealed class TranscriptRunner(Func<TranscriptSession> newSession)
{
    public const string Channel = "transcript";

    public static IReadOnlyList<string> FindFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.GetFiles(path, "*.chat", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            else if (File.Exists(path))
                files.Add(path);
            else
                throw new FileNotFoundException($"no transcript file or folder at '{path}'", path);
        }
        return files;
    }

    public async Task<TranscriptResult> RunFileAsync(string file, CancellationToken cancellationToken = default)
    {
        Transcript transcript;
        try
        {
            transcript = TranscriptParser.ParseFile(file);
        }
        catch (TranscriptFormatException ex)
        {
            return new TranscriptResult(file, [ex.Message]);
        }
        return await RunAsync(transcript, cancellationToken);
    }

    public async Task<TranscriptResult> RunAsync(Transcript transcript, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var failures = new List<string>();
        using var session = newSession();
        IReadOnlyList<Button> offered = [];
        foreach (var step in transcript.Turns)
        {
            string? action = null;
            if (step.Kind != TurnKind.Text)
            {
                var button = offered.FirstOrDefault(b => LabelMatches(b.Label, step.Kind == TurnKind.PressLabel ? step.Value : "~" + step.Value));
                if (button is null)
                {
                    failures.Add($"{transcript.File}:{step.Line}: no button '{step.Value}' to press; offered: {FormatLabels(offered)}");
                    break;
                }
                action = button.Action;
            }

            var turn = action is null
                ? Turn.FromText(Channel, transcript.UserId, transcript.UserId, transcript.Locale, step.Value)
                : Turn.FromAction(Channel, transcript.UserId, transcript.UserId, transcript.Locale, action);
            Reply reply;
            try
            {
                reply = await session.Engine.HandleAsync(turn, cancellationToken);
                if (session.TakeError() is { } error)
                    throw error;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"{transcript.File}:{step.Line}: the bot threw {ex.GetType().Name}: {ex.Message}");
                break;
            }

            var answer = AnswerText.Of(reply.Messages);
            var buttons = reply.Messages.SelectMany(m => m.AllButtons).ToList();
            foreach (var expectation in step.Expectations)
            {
                if (!Holds(expectation, answer, buttons))
                {
                    failures.Add($"{transcript.File}:{expectation.Line}: expected {expectation.Source}{Environment.NewLine}" +
                                 $"    answer: {(answer.Length == 0 ? "(nothing)" : answer)}{Environment.NewLine}" +
                                 $"    buttons: {FormatLabels(buttons)}");
                }
            }
            var lastWithButtons = reply.Messages.LastOrDefault(m => m.Buttons.Count > 0);
            if (lastWithButtons is not null)
                offered = lastWithButtons.AllButtons.ToList();
        }
        return new TranscriptResult(transcript.File, failures);
    }

    /// <summary>Runs every transcript and writes failures then the closing <c>N passed, N failed</c> line.</summary>
    public async Task<int> RunAllAsync(IEnumerable<string> paths, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var passed = 0;
        var failed = 0;
        foreach (var file in FindFiles(paths))
        {
            var result = await RunFileAsync(file, cancellationToken);
            if (result.Passed)
            {
                passed++;
                continue;
            }
            failed++;
            await output.WriteLineAsync($"FAIL {file}");
            foreach (var failure in result.Failures)
                await output.WriteLineAsync("  " + failure);
        }
        await output.WriteLineAsync($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static bool Holds(Expectation expectation, string answer, List<Button> buttons) => expectation.Kind switch
    {
        ExpectationKind.Contains => AnswerText.Contains(answer, expectation.Value),
        ExpectationKind.NotContains => !AnswerText.Contains(answer, expectation.Value),
        ExpectationKind.Matches => Regex.IsMatch(answer, expectation.Value, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)),
        ExpectationKind.Buttons => expectation.Labels.All(label => buttons.Any(b => LabelMatches(b.Label, label))),
        ExpectationKind.Empty => answer.Length == 0 && buttons.Count == 0,
        _ => false,
    };

    /// <summary><c>[Label]</c> is exact; <c>[~fragment]</c> is contained, case-insensitively, as in the format's example.</summary>
    private static bool LabelMatches(string label, string wanted) =>
        wanted.StartsWith('~') ? label.Contains(wanted[1..], StringComparison.OrdinalIgnoreCase) : label == wanted;

    private static string FormatLabels(IEnumerable<Button> buttons)
    {
        var labels = string.Concat(buttons.Select(b => "[" + b.Label + "]"));
        return labels.Length == 0 ? "(none)" : labels;
    }
}

/// <summary>
/// One transcript's bot: a fresh engine over a fresh store. <see cref="TakeError"/> surfaces an exception
/// the engine caught and logged, because a transcript must fail on it even though the user got an apology.
/// </summary>
public sealed class TranscriptSession(IDialogEngine engine, Func<Exception?> takeError, IDisposable? resources = null) : IDisposable
{
    public IDialogEngine Engine { get; } = engine;

    public Exception? TakeError() => takeError();

    public void Dispose() => resources?.Dispose();
}
