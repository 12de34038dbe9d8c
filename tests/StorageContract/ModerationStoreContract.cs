using HelpBot.Engine.Storage;

namespace HelpBot.Storage.Contract;

/// <summary>
/// The moderators' console's bounded reads (<see cref="IModerationStore"/>): a community's events of some kinds, its
/// open questions, and one user's latest events; each oldest first and never another community's or user's.
/// </summary>
public abstract class ModerationStoreContract<TStore> : StoreContract<TStore>
    where TStore : IConversationStore, IModerationStore
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static DialogEvent Event(string user, DialogEventKind kind, int minute, string community = "c", string? text = null) => new()
    {
        Id = Guid.NewGuid(), UserKey = user, Kind = kind, Guide = "aliexpress", Text = text, Language = "ru", Community = community, At = T0.AddMinutes(minute),
    };

    private static Question Question(string id, string community, int minute, QuestionStatus status = QuestionStatus.Open) => new()
    {
        Id = id, UserKey = "telegram:" + id, Channel = "telegram", ChatId = id, Language = "ru", Guide = "aliexpress", Text = "?", Community = community,
        AskedAt = T0.AddMinutes(minute), Status = status,
    };

    private static async Task CommitAsync(TStore store, IEnumerable<DialogEvent> events, Question? question = null)
    {
        var changes = new TurnChanges { Question = question };
        changes.Events.AddRange(events);
        await store.CommitAsync(changes, Ct);
    }

    [Fact]
    public async Task EventsOfKinds_OnlyThoseKindsOfThatCommunitySinceTheTime_OldestFirst()
    {
        var store = Store();
        await CommitAsync(store,
        [
            Event("u1", DialogEventKind.Unsure, 3, text: "b"), Event("u1", DialogEventKind.StepReached, 1), Event("u2", DialogEventKind.Unmatched, 2, text: "a"),
            Event("u3", DialogEventKind.Unmatched, 4, community: "other", text: "x"), Event("u2", DialogEventKind.Chosen, -1, text: "old"),
            Event("u2", DialogEventKind.SavedAnswerServed, 5),
        ]);

        var listed = await store.ListEventsAsync("c", [DialogEventKind.Unmatched, DialogEventKind.Unsure, DialogEventKind.Chosen], T0, Ct);

        Assert.Equal(["a", "b"], listed.Select(e => e.Text));
    }

    [Fact]
    public async Task OpenQuestions_OnlyOpenOnesOfThatCommunity_OldestFirst()
    {
        var store = Store();
        await CommitAsync(store, [], Question("Q3", "c", 3));
        await CommitAsync(store, [], Question("Q1", "c", 1));
        await CommitAsync(store, [], Question("Q2", "other", 2));
        await CommitAsync(store, [], Question("Q4", "c", 0));
        var answered = Question("Q4", "c", 0, QuestionStatus.Answered);
        Assert.True(await store.TryResolveQuestionAsync(answered, null, Ct));

        var listed = await store.ListOpenQuestionsAsync("c", Ct);

        Assert.Equal(["Q1", "Q3"], listed.Select(q => q.Id));
    }

    [Fact]
    public async Task UserEvents_TheLatestOfThatUser_OldestFirst()
    {
        var store = Store();
        await CommitAsync(store, Enumerable.Range(0, 8).Select(i => Event("u1", DialogEventKind.Unmatched, i, text: "t" + i)).Append(Event("u2", DialogEventKind.Unmatched, 9, text: "theirs")));

        var listed = await store.ListUserEventsAsync("u1", 3, Ct);

        Assert.Equal(["t5", "t6", "t7"], listed.Select(e => e.Text));
    }
}
