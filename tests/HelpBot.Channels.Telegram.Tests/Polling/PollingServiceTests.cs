using HelpBot.Channels.Telegram.FakeBotApi;
using HelpBot.Engine.Storage;

namespace HelpBot.Channels.Telegram.Tests.Polling;

/// <summary>The whole channel over long polling: the real client, the fake Bot API, the real engine and content.</summary>
public sealed class PollingServiceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Walkthrough_StartToLastStep_EditsOneMessageAndAnswersEveryPress()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;
        var user = new TelegramUser(api, 1001);

        var greeting = (await user.SendAsync("/start"))[0];
        Assert.Contains("AliExpress", greeting.Text, StringComparison.Ordinal);
        Assert.Contains("<b>", greeting.Html, StringComparison.Ordinal);

        var step = (await user.PressAsync(greeting, "Пошаговая"))[0];
        Assert.Equal(greeting.MessageId, step.MessageId);
        Assert.Contains("1/9", step.Text, StringComparison.Ordinal);
        var sawCode = false;
        for (var number = 2; number <= 9; number++)
        {
            step = (await user.PressAsync(step, "Далее"))[0];
            Assert.Equal(greeting.MessageId, step.MessageId);
            Assert.Contains($"{number}/9", step.Text, StringComparison.Ordinal);
            sawCode |= step.Html.Contains("<code>", StringComparison.Ordinal);
        }
        var finished = await user.PressAsync(step, "Далее", replies: 2);

        Assert.True(sawCode, "the phrase to copy is never shown as <code>");
        Assert.Contains("помогла", finished[1].Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(greeting.MessageId, finished[0].MessageId);
        Assert.Equal(10, api.Calls("answerCallbackQuery").Count);
        Assert.Equal(9, api.Calls("editMessageText").Count);
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task Start_Polling_DeletesWebhookAndSetsCommandMenus()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;

        // The setup runs beside polling; the default menu is its last call.
        await api.WaitForAsync(r => r.Method == "setMyCommands" && r.Parameters["language_code"] is null, cancellationToken: Cancel);

        Assert.Single(api.Calls("deleteWebhook"));
        var menus = api.Calls("setMyCommands");
        Assert.Equal(["en", "ru", null], menus.Select(m => m.Parameters["language_code"]?.GetValue<string>()));
        Assert.Contains(menus[1].Parameters["commands"]!.AsArray(), c => c!["command"]!.GetValue<string>() == "steps");
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task Locale_EnglishClient_GetsEnglish()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;
        var user = new TelegramUser(api, 1002, language: "en");

        var greeting = (await user.SendAsync("/start"))[0];

        Assert.Contains("Hello", greeting.Text, StringComparison.Ordinal);
        Assert.Contains(greeting.Buttons.SelectMany(r => r), b => b.Label == "Step-by-step guide");
    }

    [Fact]
    public async Task Restart_MidWalkthrough_ResumesWhereTheUserWas()
    {
        using var database = new TempDatabase();
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var user = new TelegramUser(api, 1003);
        SentMessage step;
        using (var store = database.Open())
        {
            await using var bot = await TelegramTestBot.StartAsync(api, store, cancellationToken: Cancel);
            var greeting = (await user.SendAsync("/start"))[0];
            step = (await user.PressAsync(greeting, "Пошаговая"))[0];
            step = (await user.PressAsync(step, "Далее"))[0];
            step = (await user.PressAsync(step, "Далее"))[0];
            Assert.Contains("3/9", step.Text, StringComparison.Ordinal);
        }

        using (var store = database.Open())
        {
            await using var bot = await TelegramTestBot.StartAsync(api, store, cancellationToken: Cancel);
            var resumed = (await user.SendAsync("/steps"))[0];
            Assert.Contains("3/9", resumed.Text, StringComparison.Ordinal);

            // The old message's buttons still work after the restart.
            var next = (await user.PressAsync(step, "Далее"))[0];
            Assert.Contains("4/9", next.Text, StringComparison.Ordinal);
        }
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task Redelivery_AfterRestart_ChangesNothingAndSendsNothing()
    {
        using var database = new TempDatabase();
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var user = new TelegramUser(api, 1004);
        int pressUpdate;
        using (var store = database.Open())
        {
            await using var bot = await TelegramTestBot.StartAsync(api, store, cancellationToken: Cancel);
            var greeting = (await user.SendAsync("/start"))[0];
            var step = (await user.PressAsync(greeting, "Пошаговая"))[0];
            await user.PressAsync(step, "Далее");
            pressUpdate = user.LastUpdateId;
        }
        var callsBefore = api.Requests.Count(r => r.Method is "sendMessage" or "editMessageText" or "answerCallbackQuery");

        // Telegram never got the confirmation of the last press and hands it to the restarted bot again.
        api.Unconfirm(pressUpdate);
        using (var store = database.Open())
        {
            await using var bot = await TelegramTestBot.StartAsync(api, store, cancellationToken: Cancel);
            // Updates of one chat are handled in order, so once this is answered the redelivery has been handled too.
            var resumed = (await user.SendAsync("/steps"))[0];
            Assert.Contains("2/9", resumed.Text, StringComparison.Ordinal);
        }

        var callsAfter = api.Requests.Count(r => r.Method is "sendMessage" or "editMessageText" or "answerCallbackQuery");
        Assert.Equal(callsBefore + 1, callsAfter);
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task Batch_WithUnreadableUpdates_SkipsThemAndServesTheRest()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;
        await rig.WhenPollingAsync();
        var user = new TelegramUser(api, 1005);

        api.EnqueueRaw(api.NextUpdateId(), "{\"update_id\":" + api.NextUpdateId() + ",\"message\":\"not an object\"}");
        api.EnqueueRaw(api.NextUpdateId(), "{\"update_id\":" + api.NextUpdateId() + ",\"callback_query\":{\"id\":5}}");
        api.EnqueueRaw(api.NextUpdateId(), "42");
        var reply = await user.SendAsync("/start");

        Assert.Contains("AliExpress", reply[0].Text, StringComparison.Ordinal);
        await api.WaitForAllConfirmedAsync(cancellationToken: Cancel);
        // A long poll that starts before an unreadable update is confirmed sees it again; each is still skipped.
        Assert.Equal(3, rig.Bot.Logs.Entries.Where(e => e.Message.Contains("could not be read", StringComparison.Ordinal)).Select(e => e.Message).Distinct().Count());
        Assert.Empty(api.Violations);
    }

    [Fact]
    public async Task GetUpdates_Failing_RetriedAfterAPause()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        api.Fail("getUpdates", Fault.ServerError(502), times: 2);
        api.Fail("getUpdates", Fault.ConnectionDrop());
        await using var bot = await TelegramTestBot.StartAsync(api, cancellationToken: Cancel);
        var user = new TelegramUser(api, 1006);

        var reply = await user.SendAsync("/start");

        Assert.Contains("AliExpress", reply[0].Text, StringComparison.Ordinal);
        Assert.Equal([502, 502, 0], api.Calls("getUpdates").Take(3).Select(r => r.Status));
        Assert.Equal(3, bot.Logs.Entries.Count(e => e.Message.Contains("getUpdates failed", StringComparison.Ordinal)));
        Assert.DoesNotContain(api.Token, bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_IsConfirmedOnlyOnceItsTurnIsCommitted()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var store = new HeldCommits();
        await using var bot = await TelegramTestBot.StartAsync(api, store, cancellationToken: Cancel);
        var update = api.SendText(1101, "/start");
        await store.Held.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancel);

        // While the turn is uncommitted, no poll's offset passes it.
        Assert.False(api.AllConfirmed);
        Assert.All(api.Calls("getUpdates"), r => Assert.True(r.Parameters["offset"] is null || r.Parameters["offset"]!.GetValue<int>() <= update));

        store.Release.SetResult();
        await api.WaitForMessageAsync(1101, cancellationToken: Cancel);
        await api.WaitForAsync(r => r.Method == "getUpdates" && r.Parameters["offset"]?.GetValue<int>() > update, cancellationToken: Cancel);
        Assert.True(api.AllConfirmed);
    }

    [Fact]
    public async Task ChatWaitingOutARateLimit_HoldsBackNeitherOtherChatsNorConfirmations()
    {
        await using var rig = await TelegramTestRig.StartAsync();
        var api = rig.Api;
        await rig.WhenPollingAsync();
        api.Fail("sendMessage", Fault.TooManyRequests(retryAfter: 3600));

        api.SendText(1201, "/start");
        await api.WaitForAsync(r => r.Method == "sendMessage" && r.Status == 429, cancellationToken: Cancel);
        var other = await new TelegramUser(api, 1202).SendAsync("/start");
        var update = api.SendText(1202, "/menu");
        await api.WaitForMessageAsync(1202, count: 2, cancellationToken: Cancel);
        await api.WaitForAsync(r => r.Method == "getUpdates" && r.Parameters["offset"]?.GetValue<int>() > update, cancellationToken: Cancel);

        Assert.Contains("AliExpress", other[0].Text, StringComparison.Ordinal);
        Assert.Empty(api.Messages(1201)); // still waiting out its hour, in the outbox
        Assert.True(api.AllConfirmed);
    }

    /// <summary>A store whose first commit waits until the test releases it.</summary>
    private sealed class HeldCommits : IConversationStore, IModerationStore, IOutboxStore
    {
        private readonly InMemoryConversationStore _inner = new();

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask CommitAsync(TurnChanges changes, CancellationToken cancellationToken)
        {
            Held.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            await _inner.CommitAsync(changes, cancellationToken);
        }

        public ValueTask<UserState?> FindUserAsync(string userKey, CancellationToken cancellationToken) => _inner.FindUserAsync(userKey, cancellationToken);

        public ValueTask<Feedback?> FindFeedbackAsync(string userKey, string guide, CancellationToken cancellationToken) => _inner.FindFeedbackAsync(userKey, guide, cancellationToken);

        public ValueTask<bool> WasHandledAsync(string deliveryId, CancellationToken cancellationToken) => _inner.WasHandledAsync(deliveryId, cancellationToken);

        public ValueTask<int> ForgetUserAsync(string userKey, CancellationToken cancellationToken) => _inner.ForgetUserAsync(userKey, cancellationToken);

        public ValueTask<Question?> FindQuestionAsync(string id, CancellationToken cancellationToken) => _inner.FindQuestionAsync(id, cancellationToken);

        public ValueTask<IReadOnlyList<Question>> ListQuestionsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) => _inner.ListQuestionsAsync(community, since, cancellationToken);

        public ValueTask<int> CountOpenQuestionsAsync(CancellationToken cancellationToken) => _inner.CountOpenQuestionsAsync(cancellationToken);

        public ValueTask<IReadOnlyList<Feedback>> ListFeedbackAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) => _inner.ListFeedbackAsync(community, since, cancellationToken);

        public ValueTask<IReadOnlyList<DialogEvent>> ListEventsAsync(string community, DateTimeOffset since, CancellationToken cancellationToken) => _inner.ListEventsAsync(community, since, cancellationToken);

        public ValueTask<IReadOnlyList<DialogEvent>> ListEventsAsync(string community, IReadOnlyCollection<DialogEventKind> kinds, DateTimeOffset since, CancellationToken cancellationToken) => _inner.ListEventsAsync(community, kinds, since, cancellationToken);

        public ValueTask<IReadOnlyList<Question>> ListOpenQuestionsAsync(string community, CancellationToken cancellationToken) => _inner.ListOpenQuestionsAsync(community, cancellationToken);

        public ValueTask<IReadOnlyList<DialogEvent>> ListUserEventsAsync(string userKey, int max, CancellationToken cancellationToken) => _inner.ListUserEventsAsync(userKey, max, cancellationToken);

        public ValueTask<bool> TryResolveQuestionAsync(Question resolved, OutboxMessage? delivery, CancellationToken cancellationToken) => _inner.TryResolveQuestionAsync(resolved, delivery, cancellationToken);

        public ValueTask<bool> RateAnswerAsync(string questionId, string userKey, bool helpful, CancellationToken cancellationToken) => _inner.RateAnswerAsync(questionId, userKey, helpful, cancellationToken);

        public ValueTask<IReadOnlyList<OutboxMessage>> PendingOutboxAsync(string community, CancellationToken cancellationToken) => _inner.PendingOutboxAsync(community, cancellationToken);

        public ValueTask<OutboxMessage?> FindPostAsync(string channel, string chatId, string channelMessageId, CancellationToken cancellationToken) => _inner.FindPostAsync(channel, chatId, channelMessageId, cancellationToken);

        public ValueTask<IReadOnlyList<OutboxChat>> ClaimDueChatsAsync(string channel, DateTimeOffset now, int max, CancellationToken cancellationToken) => _inner.ClaimDueChatsAsync(channel, now, max, cancellationToken);

        public ValueTask<IReadOnlyList<OutboxMessage>?> TryClaimChatAsync(OutboxChat chat, IReadOnlyCollection<OutboxMessage> known, CancellationToken cancellationToken) => _inner.TryClaimChatAsync(chat, known, cancellationToken);

        public ValueTask<IReadOnlyList<OutboxMessage>> ReadChatAsync(OutboxChat chat, CancellationToken cancellationToken) => _inner.ReadChatAsync(chat, cancellationToken);

        public ValueTask<bool> ReleaseChatAsync(OutboxChat chat, DateTimeOffset now, CancellationToken cancellationToken) => _inner.ReleaseChatAsync(chat, now, cancellationToken);

        public ValueTask SettleAsync(IReadOnlyList<OutboxSettlement> settlements, CancellationToken cancellationToken) => _inner.SettleAsync(settlements, cancellationToken);

        public ValueTask<int> PruneAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken) => _inner.PruneAsync(settledBefore, cancellationToken);

        public bool Holds(OutboxChat chat) => _inner.Holds(chat);

        public ValueTask<int> CountPendingAsync(string? channel, CancellationToken cancellationToken) => _inner.CountPendingAsync(channel, cancellationToken);
    }
}
