using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Storage.LiteDb.Tests;

public sealed class LiteDbConversationStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "helpbot-litedb-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "nested", "helpbot.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Commit_ThenReopen_KeepsEveryRecord()
    {
        var at = new DateTimeOffset(2026, 11, 25, 12, 30, 15, TimeSpan.Zero);
        using (var store = new LiteDbConversationStore(DatabasePath))
        {
            var changes = new TurnChanges
            {
                State = new UserState
                {
                    Key = "telegram:1", Language = "en", Guide = "aliexpress", Step = 4, Awaiting = Awaiting.Question, UpdatedAt = at,
                    ReadText = "где кнопка 🙈", ReadNumber = 3, ReadTopic = "step_deactivate-link", ReadDisputed = true,
                },
                Feedback = new Feedback { Id = Feedback.IdFor("telegram:1", "aliexpress"), UserKey = "telegram:1", Guide = "aliexpress", Helpful = false, Comment = "😕", At = at },
                Question = new Question { Id = "QABCDE", UserKey = "telegram:1", Text = "Где кнопка?", AskedAt = at },
                DeliveryId = "telegram:update:5",
            };
            changes.Events.Add(new DialogEvent { Id = Guid.NewGuid(), UserKey = "telegram:1", Kind = DialogEventKind.StepReached, Step = 4, At = at });
            changes.Events.Add(new DialogEvent { Id = Guid.NewGuid(), UserKey = "telegram:1", Kind = DialogEventKind.Unmatched, Text = "где кнопка 🙈", Topic = "step_deactivate-link", At = at });
            await store.CommitAsync(changes, Ct);
        }

        using var reopened = new LiteDbConversationStore(DatabasePath);
        var state = await reopened.FindUserAsync("telegram:1", Ct);
        Assert.NotNull(state);
        Assert.Equal(("en", "aliexpress", 4, Awaiting.Question, at), (state.Language, state.Guide, state.Step, state.Awaiting, state.UpdatedAt));
        Assert.Equal(("где кнопка 🙈", 3, "step_deactivate-link", true), (state.ReadText, state.ReadNumber, state.ReadTopic, state.ReadDisputed));
        var feedback = await reopened.FindFeedbackAsync("telegram:1", "aliexpress", Ct);
        Assert.Equal("😕", feedback?.Comment);
        Assert.True(await reopened.WasHandledAsync("telegram:update:5", Ct));
        Assert.False(await reopened.WasHandledAsync("telegram:update:6", Ct));
        var unmatched = Assert.Single(await reopened.ListEventsAsync(Turn.DefaultCommunity, at.AddDays(-1), Ct), e => e.Kind == DialogEventKind.Unmatched);
        Assert.Equal(("где кнопка 🙈", "step_deactivate-link"), (unmatched.Text, unmatched.Topic));
    }

    [Fact]
    public async Task Commit_PartFails_LeavesNothingOfTheTurn()
    {
        using var store = new LiteDbConversationStore(DatabasePath);
        await store.CommitAsync(new TurnChanges { Question = new Question { Id = "QSAME1", UserKey = "u" } }, Ct);

        // The state is written before the question, whose duplicate id then fails the transaction.
        var failing = new TurnChanges { State = new UserState { Key = "u", Step = 3 }, Question = new Question { Id = "QSAME1", UserKey = "u" } };
        await Assert.ThrowsAnyAsync<LiteDB.LiteException>(() => store.CommitAsync(failing, Ct).AsTask());

        Assert.Null(await store.FindUserAsync("u", Ct));
    }

    [Fact]
    public async Task Forget_RemovesOnlyThatUser()
    {
        using var store = LiteDbConversationStore.InMemory();
        foreach (var user in new[] { "a", "b" })
        {
            var changes = new TurnChanges
            {
                State = new UserState { Key = user },
                Feedback = new Feedback { Id = Feedback.IdFor(user, "g"), UserKey = user, Guide = "g" },
                Question = new Question { Id = "Q" + user.ToUpperInvariant() + "2345", UserKey = user },
            };
            changes.Events.Add(new DialogEvent { Id = Guid.NewGuid(), UserKey = user });
            await store.CommitAsync(changes, Ct);
        }

        var removed = await store.ForgetUserAsync("a", Ct);

        Assert.Equal(4, removed);
        Assert.Null(await store.FindUserAsync("a", Ct));
        Assert.NotNull(await store.FindUserAsync("b", Ct));
        Assert.NotNull(await store.FindFeedbackAsync("b", "g", Ct));
    }

    [Fact]
    public async Task Engine_RestartMidWalkthrough_ResumesWhereTheUserWas()
    {
        var content = new FixedContentProvider(ContentLoader.Load(HelpBot.Tests.RepositoryPaths.Content));
        using (var store = new LiteDbConversationStore(DatabasePath))
        {
            var engine = new DialogEngine(content, store);
            await engine.HandleAsync(Turn.FromText("t", "1", "1", "ru", "/steps"), Ct);
            await engine.HandleAsync(Turn.FromAction("t", "1", "1", "ru", "step:aliexpress:6"), Ct);
        }

        using var reopened = new LiteDbConversationStore(DatabasePath);
        var reply = await new DialogEngine(content, reopened).HandleAsync(Turn.FromText("t", "1", "1", "ru", "/steps"), Ct);

        Assert.Contains("шаг 6/9", Markup.ToPlainText(reply.Messages[0].Text), StringComparison.Ordinal);
        Assert.Contains("Продолжаем", reply.Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_DeliveryIdsOlderThanTheRetention_AreDropped()
    {
        using (var store = new LiteDbConversationStore(DatabasePath))
            await store.CommitAsync(new TurnChanges { DeliveryId = "telegram:update:1" }, Ct);
        using (var raw = new LiteDB.LiteDatabase(DatabasePath))
        {
            var deliveries = raw.GetCollection("deliveries");
            var old = deliveries.FindById("telegram:update:1");
            old["At"] = DateTime.UtcNow - LiteDbConversationStore.DeliveryRetention - TimeSpan.FromHours(1);
            deliveries.Update(old);
            deliveries.Insert(new LiteDB.BsonDocument { ["_id"] = "telegram:update:2", ["At"] = DateTime.UtcNow });
        }

        using var reopened = new LiteDbConversationStore(DatabasePath);

        Assert.False(await reopened.WasHandledAsync("telegram:update:1", Ct));
        Assert.True(await reopened.WasHandledAsync("telegram:update:2", Ct));
    }
}
