using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Testing;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram.Tests.Updates;

/// <summary>
/// A press's answer only stops the button's spinner: however Telegram throttles it, it holds back neither the press's
/// screen, nor the chat's next update, nor polling.
/// </summary>
public sealed class CallbackAnswerTests
{
    private const long Group = -1002345678901;

    private static readonly TimeSpan Storm = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan BetweenPresses = TimeSpan.FromSeconds(5);

    /// <summary>How long after a press, on the bot's clock, its screen must be shown.</summary>
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(1);

    /// <summary>How far the clock moves at a time, so that a screen kept waiting on it is seen late to within this.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);

    /// <summary>The real time screens get before the clock moves on; only a loaded machine needs much of it.</summary>
    private static readonly TimeSpan RealTimeToShow = TimeSpan.FromSeconds(5);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnswerThrottledForAMinute_PressesInOtherChatsAndTheSameOne_ShownWithinASecond_NothingLostOrDoubled()
    {
        // The bot and the fake share a clock that moves only when the test moves it: the minute takes seconds, and
        // every call is recorded at the bot's time, so a screen's delay is measured as the bot lived it.
        var time = VirtualTime.StandingStill();
        await using var rig = await TelegramTestRig.StartAsync(time: time);
        var api = rig.Api;
        // Two users in private chats and two in one group, each on their own walkthrough screen.
        Screen[] screens = [await OpenAsync(api, 8101, 8101), await OpenAsync(api, 8102, 8102), await OpenAsync(api, 8103, Group), await OpenAsync(api, 8104, Group)];
        var sends = api.Calls("sendMessage").Count;

        api.Fail("answerCallbackQuery", Fault.TooManyRequests(retryAfter: 30), times: int.MaxValue);
        var stormStart = time.GetUtcNow();
        var presses = new List<Press>();
        var onTime = true;
        while (onTime && time.GetUtcNow() - stormStart < Storm)
            onTime = await PressEachAsync(api, time, screens, presses);
        var inStorm = presses.Count;
        if (onTime)
        {
            // Answers go beside the screens, perhaps after them: the storm lasts until each of its presses had its 429.
            await WhenAnsweredAsync(api, presses);
            api.ClearFaults("answerCallbackQuery");
            await PressEachAsync(api, time, screens, presses);
        }

        var late = presses.Where(p => p.Shown(api) is not { } shown || shown.At - p.At > Promptly).Select(p => p.Describe(api, stormStart, time)).ToList();
        Assert.True(late.Count == 0, "not shown within 1 s of the press on the bot's clock: " + string.Join("; ", late));
        // Nothing doubled: one edit per press (and the one that opened each screen), no new message, and each press
        // answered once: the storm's 429s asked for too long a wait to be retried.
        Assert.All(screens, s => Assert.Equal(1 + s.Presses, api.Calls("editMessageText").Count(s.IsEdit)));
        Assert.Equal(sends, api.Calls("sendMessage").Count);
        await WhenAnsweredAsync(api, presses);
        var answers = api.Calls("answerCallbackQuery");
        int AnswerTo(Press press) => Assert.Single(answers, a => FakeBotApiServer.IsAnswerTo(a, press.QueryId)).Status;
        Assert.All(presses[..inStorm], p => Assert.Equal(429, AnswerTo(p)));
        Assert.All(presses[inStorm..], p => Assert.Equal(200, AnswerTo(p)));
        // Nothing lost: every update was confirmed.
        await api.WaitForAllConfirmedAsync(cancellationToken: Cancel);
        Assert.Empty(api.Violations);
        Assert.DoesNotContain(rig.Bot.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task AnswerOnItsWay_WhenTheBotStops_IsFinishedBeforeItStops()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var bot = await TelegramTestBot.StartAsync(api, cancellationToken: Cancel);
        var user = new TelegramUser(api, 8201);
        var greeting = (await user.SendAsync("/start"))[0];
        var slowApi = new TaskCompletionSource();
        var answering = api.HoldNext("answerCallbackQuery", slowApi.Task);
        api.PressButton(user.Id, greeting, greeting.ButtonData("Пошаговая"));
        await user.RepliesAsync();
        await answering.WaitAsync(TimeSpan.FromSeconds(10), Cancel);

        var stopping = bot.DisposeAsync().AsTask();
        await bot.Logs.WaitForAsync(e => e.Message.Contains("finishing 1 callback answers", StringComparison.Ordinal));
        Assert.False(stopping.IsCompleted);
        slowApi.SetResult();
        await stopping;

        Assert.Equal(200, Assert.Single(api.Calls("answerCallbackQuery")).Status);
    }

    /// <summary>Sends /start as <paramref name="userId"/> in <paramref name="chatId"/> and opens the walkthrough on the greeting.</summary>
    private static async Task<Screen> OpenAsync(FakeBotApiServer api, long userId, long chatId)
    {
        var calls = api.Requests.Count(r => FakeBotApiServer.IsMessageCall(r) && FakeBotApiServer.ChatOf(r) == chatId && r.Status == 200);
        api.SendText(userId, "/start", chatId: chatId == userId ? null : chatId);
        var greeting = api.Message(chatId, (await api.WaitForMessageAsync(chatId, calls + 1, cancellationToken: Cancel)).MessageId!.Value)!;
        api.PressButton(userId, greeting, greeting.ButtonData("Пошаговая"));
        await api.WaitForMessageAsync(chatId, calls + 2, cancellationToken: Cancel);
        return new Screen(userId, chatId, greeting.MessageId);
    }

    /// <summary>
    /// Presses every screen once, then moves the clock on to the next round a tick at a time, each tick only once the
    /// screens are shown (or had <see cref="RealTimeToShow"/>). False, at once, when a screen is later than <see cref="Promptly"/>.
    /// </summary>
    private static async Task<bool> PressEachAsync(FakeBotApiServer api, VirtualTime time, IEnumerable<Screen> screens, List<Press> presses)
    {
        var round = screens.Select(s => s.Press(api, time.GetUtcNow())).ToList();
        presses.AddRange(round);
        for (var moved = TimeSpan.Zero; moved < BetweenPresses; moved += Tick)
        {
            await WhenShownAsync(api, round);
            time.Advance(Tick);
            if (round.Any(p => p.Shown(api) is null && time.GetUtcNow() - p.At > Promptly))
                return false;
        }
        return true;
    }

    private static async Task WhenShownAsync(FakeBotApiServer api, IEnumerable<Press> presses)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var press in presses)
        {
            var left = RealTimeToShow - Stopwatch.GetElapsedTime(started);
            try
            {
                await api.WaitForAsync(press.IsShown, left > TimeSpan.Zero ? left : TimeSpan.Zero, Cancel);
            }
            catch (TimeoutException)
            {
                // Not while the clock stood still: it moves on, and the screen's time, if it comes, says how late it was.
                return;
            }
        }
    }

    private static async Task WhenAnsweredAsync(FakeBotApiServer api, IEnumerable<Press> presses)
    {
        foreach (var press in presses)
            await api.WaitForAnswerAsync(press.Update, cancellationToken: Cancel);
    }

    /// <summary>One user's walkthrough message, pressed Next and Back in turn so that every press changes it.</summary>
    private sealed class Screen(long userId, long chatId, int messageId)
    {
        public long UserId => userId;

        public long ChatId => chatId;

        public int Presses { get; private set; }

        public bool IsEdit(RecordedRequest request) =>
            request.Method == "editMessageText" && request.Status == 200 && FakeBotApiServer.ChatOf(request) == chatId
            && request.Parameters["message_id"]?.GetValue<int>() == messageId;

        public Press Press(FakeBotApiServer api, DateTimeOffset at)
        {
            var onFirstStep = Presses % 2 == 0;
            var current = api.Message(chatId, messageId)!;
            var press = api.ButtonPress(userId, current, current.ButtonData(onFirstStep ? "Далее" : "Назад"));
            api.Enqueue(press);
            Presses++;
            return new Press(this, press, at, onFirstStep ? "2/9" : "1/9");
        }
    }

    /// <summary>A press of <see cref="Screen"/> at <see cref="At"/> (the bot's clock) that should show step <see cref="Step"/>.</summary>
    private sealed record Press(Screen Screen, JsonObject Update, DateTimeOffset At, string Step)
    {
        public string QueryId => FakeBotApiServer.QueryIdOf(Update);

        public bool IsShown(RecordedRequest request) =>
            Screen.IsEdit(request) && request.At >= At && request.Parameters["text"]!.GetValue<string>().Contains(Step, StringComparison.Ordinal);

        public RecordedRequest? Shown(FakeBotApiServer api) => api.Calls("editMessageText").FirstOrDefault(IsShown);

        public string Describe(FakeBotApiServer api, DateTimeOffset start, TimeProvider time)
        {
            var shown = Shown(api);
            double Since(DateTimeOffset at) => (at - start).TotalSeconds;
            return string.Create(CultureInfo.InvariantCulture,
                $"user {Screen.UserId} in chat {Screen.ChatId} pressed at +{Since(At):0.#} s, {(shown is null ? "not shown by" : "shown at")} +{Since(shown?.At ?? time.GetUtcNow()):0.#} s");
        }
    }
}
