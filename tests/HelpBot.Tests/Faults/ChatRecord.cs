using System.Text.RegularExpressions;
using HelpBot.Channels.Telegram.FakeBotApi;

namespace HelpBot.Tests.Faults;

/// <summary>Everything the bot made visible in each chat, in order (sends and successful edits), as the fake Bot API saw it.</summary>
public sealed partial class ChatRecord
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, List<Shown>> _chats = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChatRecord(FakeBotApiServer api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.BotMessage += (chat, message, method) =>
        {
            lock (_gate)
            {
                if (!_chats.TryGetValue(chat, out var shown))
                    _chats[chat] = shown = [];
                shown.Add(new Shown(method, message));
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        };
    }

    public sealed record Shown(string Method, SentMessage Message)
    {
        /// <summary>The walkthrough sub-step the message shows ("3/9" → 3), or 0.</summary>
        public int Step => StepNumber().Match(Message.Text) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public IReadOnlyList<Shown> Of(long chat)
    {
        lock (_gate)
            return _chats.TryGetValue(chat, out var shown) ? [.. shown] : [];
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking on every message; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<ChatRecord, bool> condition, TimeSpan timeout, Func<string> describe)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
                changed = _changed.Task;
            if (condition(this))
                return;
            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(describe());
            }
        }
    }

    [GeneratedRegex(@"(\d+)/9")]
    private static partial Regex StepNumber();
}
