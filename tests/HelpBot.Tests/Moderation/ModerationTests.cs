using HelpBot.Delivery;
using HelpBot.Engine.Content;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Storage;
using HelpBot.Reports;
using HelpBot.Storage.LiteDb;
using HelpBot.Tests.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HelpBot.Tests.Moderation;

public sealed class ModerationTests : IDisposable
{
    private static readonly ContentCatalog Content = ContentLoader.Load(RepositoryPaths.Content);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("helpbot-moderation-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly ModerationOptions _options = new() { Chats = [new ModeratorChat { Channel = "discord", ChatId = "900", Language = "en" }] };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_folder.FullName, "helpbot.db");

    public void Dispose() => _folder.Delete(recursive: true);

    private DialogEngine Engine(LiteDbConversationStore store) =>
        new(new DialogDependencies(new FixedContentProvider(Content), store) { Time = _time, ModerationOptions = _options, Reports = new ReportRenderer() });

    private static Turn User(string id, string text) => Turn.FromText("telegram", id, id, "ru", text);

    private static Turn Moderator(string text) => Turn.FromText("discord", "7", "900", "en", text) with { IsModerator = true, DisplayName = "Max" };

    [Fact]
    public async Task Stats_ChartAndFiguresMatchTheStoredEvents()
    {
        using var store = new LiteDbConversationStore(DatabasePath);
        var engine = Engine(store);
        foreach (var (user, steps) in new[] { ("1", 9), ("2", 3), ("3", 1) })
        {
            await engine.HandleAsync(User(user, "/steps"), Ct);
            for (var step = 2; step <= steps; step++)
                await engine.HandleAsync(Turn.FromAction("telegram", user, user, "ru", $"step:aliexpress:{step}"), Ct);
        }
        await engine.HandleAsync(Turn.FromAction("telegram", "1", "1", "ru", "fb:aliexpress:yes"), Ct);
        await engine.HandleAsync(Turn.FromAction("telegram", "2", "2", "ru", "fb:aliexpress:no"), Ct);
        await engine.HandleAsync(User("3", "/ask где форма?"), Ct);
        _time.Advance(TimeSpan.FromMinutes(30));
        var question = (await store.ListQuestionsAsync("default", DateTimeOffset.MinValue, Ct)).Single();
        await engine.HandleAsync(Moderator($"/answer {question.Id} on the site"), Ct);

        var reply = await engine.HandleAsync(Moderator("/stats"), Ct);

        // The figures, recomputed straight from what the store holds.
        var events = await store.ListEventsAsync("default", _time.GetUtcNow().AddDays(-30), Ct);
        var funnel = Enumerable.Range(1, 9).Select(s => events.Where(e => e.Kind == DialogEventKind.StepReached && e.Step == s).Select(e => e.UserKey).Distinct().Count()).ToArray();
        Assert.Equal([3, 2, 2, 1, 1, 1, 1, 1, 1], funnel);
        var expected = new StatsReport(30, 3, 1, 1, 1, 1, TimeSpan.FromMinutes(30), funnel, []);

        var message = Assert.Single(reply.Messages);
        var text = Markup.ToPlainText(message.Text);
        Assert.Contains("Users: 3", text, StringComparison.Ordinal);
        Assert.Contains("yes 1, no 1, yes rate 50%", text, StringComparison.Ordinal);
        Assert.Contains("Questions: 1, answered: 1, median time to answer: 30 min", text, StringComparison.Ordinal);
        Assert.Contains("1/9: 3; 2/9: 2; 3/9: 2; 4/9: 1;", text, StringComparison.Ordinal);
        var chart = Assert.Single(message.Attachments);
        var reference = new ReportRenderer().StatsChart(expected, Content.Languages["en"].Texts[TextKey.ChartTitle], Content.Languages["en"].Texts[TextKey.StatsFunnel], Content.Languages["en"].Texts[TextKey.ButtonHelpful]);
        Assert.Equal(reference.Data, chart.Data);
    }

    [Fact]
    public async Task Answer_TwoModeratorsAtOnce_ExactlyOneWins()
    {
        using var store = new LiteDbConversationStore(DatabasePath);
        var engine = Engine(store);
        await engine.HandleAsync(User("1", "/ask вопрос"), Ct);
        var id = (await store.ListQuestionsAsync("default", DateTimeOffset.MinValue, Ct)).Single().Id;

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(m =>
            engine.HandleAsync(Turn.FromText("discord", "m" + m, "900", "ru", $"/answer {id} ответ {m}") with { IsModerator = true }, Ct).AsTask()));

        Assert.Single(replies, r => r.Messages[0].Text.Contains("отправлен", StringComparison.Ordinal));
        Assert.Equal(7, replies.Count(r => r.Messages[0].Text.Contains("уже ответили", StringComparison.Ordinal)));
        Assert.Single(await store.PendingOutboxAsync("default", Ct), o => o.Purpose == OutboxPurpose.AnswerDelivery);
    }

    [Fact]
    public async Task Outbox_SendFails_RetriesWithBackoffShowsPendingThenDelivers()
    {
        using var store = new LiteDbConversationStore(DatabasePath);
        var engine = Engine(store);
        var telegram = new FlakySender("telegram", failures: 2);
        var dispatcher = DeliveryRig.Dispatcher([telegram, new FlakySender("discord", 0)], store, _time);
        await engine.HandleAsync(User("1", "/ask вопрос"), Ct);
        await dispatcher.DeliverDueAsync(Ct);
        var id = (await store.ListQuestionsAsync("default", DateTimeOffset.MinValue, Ct)).Single().Id;
        await engine.HandleAsync(Moderator($"/answer {id} answer"), Ct);

        Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct));
        var pending = Markup.ToPlainText((await engine.HandleAsync(Moderator("/questions"), Ct)).Messages[0].Text);
        Assert.Contains($"{id} → telegram (1): HttpRequestException", pending, StringComparison.Ordinal);
        Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct));   // not due yet: backoff

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(Ct));   // second failure
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await dispatcher.DeliverDueAsync(Ct));

        var sent = Assert.Single(telegram.Sent);
        Assert.Equal(("1", "1"), (sent.ChatId, sent.RecipientUserId));
        Assert.Contains("answer", sent.Text, StringComparison.Ordinal);
        Assert.Empty(await store.PendingOutboxAsync("default", Ct));
    }

    [Fact]
    public async Task Outbox_QuestionStoredBeforeRestart_IsDeliveredAfterIt()
    {
        using (var store = new LiteDbConversationStore(DatabasePath))
            await Engine(store).HandleAsync(User("1", "/ask Где кнопка?"), Ct);

        using var reopened = new LiteDbConversationStore(DatabasePath);
        var discord = new FlakySender("discord", 0);
        await DeliveryRig.Dispatcher([discord], reopened, _time).DeliverDueAsync(Ct);

        var post = Assert.Single(discord.Sent);
        Assert.Equal("900", post.ChatId);
        Assert.Contains("Где кнопка?", post.Text, StringComparison.Ordinal);
        Assert.Equal(["Answer"], post.ToMessage().AllButtons.Select(b => b.Label));
    }

    [Fact]
    public async Task Reload_InvalidContent_ReportsTheErrorsInChat()
    {
        using var store = new LiteDbConversationStore(DatabasePath);
        var reloader = new RefusingReloader(new ContentError("/content/en/bot.yaml", 12, 3, "missing required key 'menu'"));
        var engine = new DialogEngine(new DialogDependencies(new FixedContentProvider(Content), store)
        {
            Time = _time,
            ModerationOptions = _options,
            Reports = new ReportRenderer(),
            Reloader = reloader,
        });

        var reply = await engine.HandleAsync(Moderator("/reload"), Ct);

        var text = Markup.ToPlainText(Assert.Single(reply.Messages).Text);
        Assert.Contains("Content rejected, the previous content stays in use", text, StringComparison.Ordinal);
        Assert.Contains("/content/en/bot.yaml:12:3: missing required key 'menu'", text, StringComparison.Ordinal);
        Assert.Equal(1, reloader.Calls);
    }

    private sealed class RefusingReloader(params ContentError[] errors) : IContentReloader
    {
        public int Calls { get; private set; }

        public IReadOnlyList<ContentError> Reload()
        {
            Calls++;
            return errors;
        }
    }

    private sealed class FlakySender(string channel, int failures) : IChannelSender
    {
        private int _failures = failures;

        public string Channel => channel;

        public List<OutboxMessage> Sent { get; } = [];

        public Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (_failures-- > 0)
                throw new HttpRequestException("connection refused");
            Sent.Add(message);
            return Task.FromResult(SendOutcome.Sent("msg-" + Sent.Count));
        }
    }
}
