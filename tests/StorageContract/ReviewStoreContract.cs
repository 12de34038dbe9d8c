using HelpBot.Engine.Storage;

namespace HelpBot.Storage.Contract;

/// <summary>
/// What every store must do with the moderators' review decisions (<see cref="IReviewStore"/>): keep each whole, one per
/// text and community (a later decision replaces the earlier), and list a community's since a time, oldest first.
/// A provider's test project derives a class that creates its store (see <see cref="StoreContract{TStore}"/>).
/// </summary>
public abstract class ReviewStoreContract<TStore> : StoreContract<TStore>
    where TStore : IConversationStore, IReviewStore
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static ReviewDecision Decision(string community, string key, DateTimeOffset at, ReviewOutcome outcome = ReviewOutcome.Labelled, string? label = "step:form-email") => new()
    {
        Id = ReviewDecision.IdFor(community, key),
        Community = community,
        Key = key,
        Outcome = outcome,
        Label = label,
        By = "telegram:moderator",
        At = at,
    };

    [Fact]
    public async Task Save_ThenList_KeepsEveryField()
    {
        var store = Store();
        var labelled = Decision("c", "k1", T0);
        var skipped = Decision("c", "k2", T0.AddSeconds(1), ReviewOutcome.Skipped, label: null);

        await store.SaveReviewDecisionAsync(labelled, Ct);
        await store.SaveReviewDecisionAsync(skipped, Ct);

        var listed = await store.ListReviewDecisionsAsync("c", T0, Ct);
        Assert.Equal(
            [("c|k1", "c", "k1", ReviewOutcome.Labelled, "step:form-email", "telegram:moderator", T0), ("c|k2", "c", "k2", ReviewOutcome.Skipped, null, "telegram:moderator", T0.AddSeconds(1))],
            listed.Select(d => (d.Id, d.Community, d.Key, d.Outcome, d.Label, d.By, d.At)));
    }

    [Fact]
    public async Task List_OnlyThatCommunitysSinceTheTime_OldestFirst()
    {
        var store = Store();
        foreach (var decision in new[]
        {
            Decision("c", "late", T0.AddMinutes(5)), Decision("c", "before", T0.AddMinutes(-1)), Decision("other", "elsewhere", T0.AddMinutes(1)),
            Decision("c", "early", T0), Decision("c", "middle", T0.AddMinutes(2)),
        })
        {
            await store.SaveReviewDecisionAsync(decision, Ct);
        }

        var listed = await store.ListReviewDecisionsAsync("c", T0, Ct);

        Assert.Equal(["early", "middle", "late"], listed.Select(d => d.Key));
    }

    [Fact]
    public async Task Save_SameTextAgain_ReplacesTheEarlierDecision()
    {
        var store = Store();
        await store.SaveReviewDecisionAsync(Decision("c", "k1", T0), Ct);

        await store.SaveReviewDecisionAsync(Decision("c", "k1", T0.AddHours(1), ReviewOutcome.OffTopic, label: "none"), Ct);

        var decision = Assert.Single(await store.ListReviewDecisionsAsync("c", T0, Ct));
        Assert.Equal((ReviewOutcome.OffTopic, "none", T0.AddHours(1)), (decision.Outcome, decision.Label, decision.At));
    }

    [Fact]
    public async Task Forget_LeavesDecisions_WhichNameNoUser()
    {
        var store = Store();
        await store.CommitAsync(new TurnChanges { State = new UserState { Key = "telegram:1" } }, Ct);
        await store.SaveReviewDecisionAsync(Decision("c", "k1", T0), Ct);

        await store.ForgetUserAsync("telegram:1", Ct);

        Assert.Single(await store.ListReviewDecisionsAsync("c", T0, Ct));
    }
}
