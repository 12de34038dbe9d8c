using System.Text.RegularExpressions;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Transcripts;

/// <summary>The outcome of one transcript: its failures, each naming file and line.</summary>
public sealed record TranscriptResult(string File, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// Replays transcripts against a fresh engine each (fresh store, same content), so they never depend on each other.
/// With participants (an extension of the format), messages the bot queues for other chats are delivered
/// to the participants in those chats after every turn, as the channels' delivery loops would.
/// </summary>
public sealed class TranscriptRunner(Func<Transcript, TranscriptSession> newSession)
{
    public const string Channel = "transcript";

    public TranscriptRunner(Func<TranscriptSession> newSession)
        : this(_ => newSession())
    {
    }

    /// <summary>
    /// Everything due in those channels, in order per chat, as a delivery loop would send it: each due chat claimed, its
    /// messages handed to <paramref name="send"/> one by one and settled as it says (sent, or left for later), the chat released.
    /// </summary>
    private static async Task DeliverAllAsync(IOutboxStore outbox, IEnumerable<string> channels, Func<OutboxMessage, OutboxSettlement> send, CancellationToken cancellationToken)
    {
        foreach (var channel in channels)
        {
            IReadOnlyList<OutboxChat> chats;
            while ((chats = await outbox.ClaimDueChatsAsync(channel, DateTimeOffset.UtcNow, int.MaxValue, cancellationToken)).Count > 0)
            {
                foreach (var chat in chats)
                {
                    foreach (var message in await outbox.ReadChatAsync(chat, cancellationToken))
                    {
                        var settlement = send(message);
                        await outbox.SettleAsync([settlement], cancellationToken);
                        if (settlement.Outcome != OutboxOutcome.Sent)
                            break;
                    }
                    await outbox.ReleaseChatAsync(chat, DateTimeOffset.UtcNow, cancellationToken);
                }
            }
        }
    }

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
        using var session = newSession(transcript);
        var people = transcript.Participants.ToDictionary(p => p.Name, p => new Person(p), StringComparer.Ordinal);
        var user = new Person(new Participant("", Channel, transcript.UserId, transcript.UserId, transcript.Locale, false, Turn.DefaultCommunity));
        var delivered = 0;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in transcript.Turns)
        {
            var actor = step.Actor is null ? user : people[step.Actor];
            var value = Substitute(step.Value, variables);
            var turn = Turn.FromText(actor.Who.Channel, actor.Who.UserId, actor.Who.ChatId, actor.Who.Locale, value) with
            {
                IsModerator = actor.Who.IsModerator,
                Community = actor.Who.Community,
                DisplayName = step.Actor,
            };
            if (step.Kind is TurnKind.PressLabel or TurnKind.PressFragment)
            {
                var button = actor.Offered.FirstOrDefault(b => LabelMatches(b.Label, step.Kind == TurnKind.PressLabel ? value : "~" + value));
                if (button is null)
                {
                    failures.Add($"{transcript.File}:{step.Line}: no button '{step.Value}' to press; offered: {FormatLabels(actor.Offered)}");
                    break;
                }
                turn = turn with { Text = null, Action = button.Action };
            }
            else if (step.Kind == TurnKind.ReplyText)
            {
                if (actor.LastDelivered is null)
                {
                    failures.Add($"{transcript.File}:{step.Line}: nothing was delivered to '{step.Actor}' to reply to");
                    break;
                }
                turn = turn with { ReplyToMessageId = actor.LastDelivered };
            }

            Reply reply;
            try
            {
                reply = await session.Engine.HandleAsync(turn, cancellationToken);
                await session.SettleAsync();
                if (session.TakeError() is { } error)
                    throw error;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"{transcript.File}:{step.Line}: the bot threw {ex.GetType().Name}: {ex.Message}");
                break;
            }
            actor.Receive(reply.Messages);

            // What each participant's chat got because of this turn: the actor's answer, then deliveries.
            var inboxes = people.Values.ToDictionary(p => p, p => p == actor ? reply.Messages.ToList() : new List<OutgoingMessage>());
            if (session.Outbox is { } outbox)
            {
                await DeliverAllAsync(outbox, people.Values.Select(p => p.Who.Channel).Distinct(), message =>
                {
                    var recipients = people.Values.Where(p => p.Who.Channel == message.Channel && p.Who.ChatId == message.ChatId).ToList();
                    if (recipients.Count == 0)
                    {
                        // Left pending, as a chat nobody reads would leave it.
                        return new OutboxSettlement(message, OutboxOutcome.RetryLater, DateTimeOffset.MaxValue, Error: "nobody in that chat");
                    }
                    message.ChannelMessageId = "m" + (++delivered).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    foreach (var recipient in recipients)
                    {
                        inboxes[recipient].Add(message.ToMessage());
                        recipient.Receive([message.ToMessage()]);
                        recipient.LastDelivered = message.ChannelMessageId;
                    }
                    return new OutboxSettlement(message, OutboxOutcome.Sent, DateTimeOffset.UtcNow, message.ChannelMessageId);
                }, cancellationToken);
            }

            foreach (var expectation in step.Expectations)
            {
                var messages = expectation.Recipient is null ? reply.Messages : inboxes[people[expectation.Recipient]];
                var answer = AnswerText.Of(messages);
                var buttons = messages.SelectMany(m => m.AllButtons).ToList();
                if (expectation.Kind == ExpectationKind.Matches)
                    Capture(expectation.Value, answer, variables);
                if (!Holds(expectation, answer, buttons))
                {
                    failures.Add($"{transcript.File}:{expectation.Line}: expected {expectation.Source}{Environment.NewLine}" +
                                 $"    answer{(expectation.Recipient is null ? "" : " to " + expectation.Recipient)}: {(answer.Length == 0 ? "(nothing)" : answer)}{Environment.NewLine}" +
                                 $"    buttons: {FormatLabels(buttons)}");
                }
            }
        }
        return new TranscriptResult(transcript.File, failures);
    }

    /// <summary>Extension: named groups of a matching <c>&lt;/regex/</c> become <c>{name}</c> in later turns (e.g. a question id).</summary>
    private static void Capture(string pattern, string answer, Dictionary<string, string> variables)
    {
        var regex = new Regex(pattern, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        var match = regex.Match(answer);
        if (!match.Success)
            return;
        foreach (var name in regex.GetGroupNames().Where(n => !int.TryParse(n, out _)))
        {
            if (match.Groups[name].Success)
                variables[name] = match.Groups[name].Value;
        }
    }

    private static string Substitute(string text, Dictionary<string, string> variables)
    {
        foreach (var (name, value) in variables)
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text;
    }

    /// <summary>A participant during replay: the buttons they can press and the last message delivered to them.</summary>
    private sealed class Person(Participant who)
    {
        public Participant Who { get; } = who;

        public IReadOnlyList<Button> Offered { get; private set; } = [];

        public string? LastDelivered { get; set; }

        public void Receive(IReadOnlyList<OutgoingMessage> messages)
        {
            if (messages.LastOrDefault(m => m.Buttons.Count > 0) is { } withButtons)
                Offered = withButtons.AllButtons.ToList();
        }
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
/// <paramref name="settle"/> is the background work a turn may start (the reader retraining after a label), awaited
/// after every turn so that the next turn meets its result, deterministically.
/// </summary>
public sealed class TranscriptSession(IDialogEngine engine, Func<Exception?> takeError, IDisposable? resources = null, IOutboxStore? outbox = null, Func<Task>? settle = null) : IDisposable
{
    public Task SettleAsync() => settle?.Invoke() ?? Task.CompletedTask;

    public IDialogEngine Engine { get; } = engine;

    /// <summary>Where the bot queues messages for other chats; delivered to participants after each turn.</summary>
    public IOutboxStore? Outbox { get; } = outbox;

    public Exception? TakeError() => takeError();

    public void Dispose() => resources?.Dispose();
}
