using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HelpBot.Channels.Telegram.FakeBotApi;

namespace HelpBot.Channels.Telegram.Benchmarks;

/// <summary>
/// Simulated users walking the guide: /start, the steps button, "next" through every step, the menu, and round again.
/// Each user waits for the bot's reply to one update before the next (as a person does), then thinks for a while;
/// zero thinking time saturates the bot. Latency runs from the moment the update is queued at the fake Bot API to the
/// moment the fake receives the reply (sendMessage or editMessageText).
/// </summary>
internal sealed class LoadRun(FakeBotApiServer api, int users, double updatesPerSecond, TimeSpan warmup, TimeSpan measure)
{
    private static readonly string[] Script =
    [
        "/start", "steps:aliexpress",
        "step:aliexpress:2", "step:aliexpress:3", "step:aliexpress:4", "step:aliexpress:5",
        "step:aliexpress:6", "step:aliexpress:7", "step:aliexpress:8", "step:aliexpress:9",
        "menu",
    ];

    private readonly ConcurrentDictionary<long, Waiting> _waiting = new();
    private readonly ConcurrentBag<double> _latencies = [];
    private long _replied;
    private int _lost;

    public async Task<(double UpdatesPerSecond, double P50Ms, double P99Ms, int Lost)> RunAsync()
    {
        api.BotMessage += OnBotMessage;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        // Mean think time that makes all users together offer the target rate.
        var think = updatesPerSecond > 0 ? TimeSpan.FromSeconds(users / updatesPerSecond) : TimeSpan.Zero;
        long repliedAtStart = 0;
        var window = Task.Delay(warmup).ContinueWith(_ => Interlocked.Exchange(ref repliedAtStart, Interlocked.Read(ref _replied)), TaskScheduler.Default);

        var loops = Enumerable.Range(0, users).Select(i => UserAsync(900_000 + i, think, measureFrom, measureTo)).ToList();
        await Task.WhenAll(loops);
        await window;
        api.BotMessage -= OnBotMessage;

        var replied = _latencies.Count;
        var sorted = _latencies.Order().ToArray();
        return (replied / measure.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), _lost);
    }

    private async Task UserAsync(long user, TimeSpan think, long measureFrom, long measureTo)
    {
        // Spread the users' first updates over the first thinking period rather than all at once.
        if (think > TimeSpan.Zero)
            await Task.Delay(think * Random.Shared.NextDouble());
        var lastMessageId = 0;
        for (var step = 0; Stopwatch.GetTimestamp() < measureTo; step++)
        {
            var action = Script[step % Script.Length];
            var waiting = new Waiting(Stopwatch.GetTimestamp());
            _waiting[user] = waiting;
            var messageId = lastMessageId;
            api.Enqueue(id => action.StartsWith('/') ? TextUpdate(id, user, action) : PressUpdate(id, user, messageId, action));
            try
            {
                lastMessageId = await waiting.Reply.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref _lost);
                _waiting.TryRemove(user, out _);
                step = -1; // start over from /start
                continue;
            }
            var done = Stopwatch.GetTimestamp();
            if (waiting.Sent >= measureFrom && done <= measureTo)
                _latencies.Add((done - waiting.Sent) * 1000.0 / Stopwatch.Frequency);
            if (think > TimeSpan.Zero)
                await Task.Delay(think * (0.5 + Random.Shared.NextDouble()));
        }
    }

    private void OnBotMessage(long chatId, SentMessage message, string method)
    {
        Interlocked.Increment(ref _replied);
        if (_waiting.TryRemove(chatId, out var waiting))
            waiting.Reply.TrySetResult(message.MessageId);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string TextUpdate(int id, long user, string text) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"update_id":{{{id}}},"message":{"message_id":{{{id}}},"from":{"id":{{{user}}},"is_bot":false,"first_name":"Load","language_code":"ru"},"chat":{"id":{{{user}}},"type":"private"},"date":{{{Now()}}},"text":"{{{text}}}","entities":[{"type":"bot_command","offset":0,"length":{{{text.Length}}}}]}}""");

    private static string PressUpdate(int id, long user, int messageId, string data) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"update_id":{{{id}}},"callback_query":{"id":"q{{{id}}}","from":{"id":{{{user}}},"is_bot":false,"first_name":"Load","language_code":"ru"},"message":{"message_id":{{{messageId}}},"from":{"id":{{{FakeBotApiServer.BotId}}},"is_bot":true,"first_name":"HelpBot"},"chat":{"id":{{{user}}},"type":"private"},"date":{{{Now()}}},"text":"."},"chat_instance":"c{{{user}}}","data":"{{{data}}}"}}""");

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private sealed class Waiting(long sent)
    {
        public long Sent { get; } = sent;

        public TaskCompletionSource<int> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
