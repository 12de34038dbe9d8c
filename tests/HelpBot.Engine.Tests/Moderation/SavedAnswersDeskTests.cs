using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Tests.Dialog;

namespace HelpBot.Engine.Tests.Moderation;

/// <summary>
/// The console's saved answers against <c>/faq</c>'s: the same answers seen, the same counts, the same checks and
/// writes; another community's answers never show; forged ids and bad texts give an outcome and write nothing.
/// </summary>
public sealed class SavedAnswersDeskTests
{
    private static readonly Moderator Mod = new("web", "m1", Turn.DefaultCommunity, "mod");
    private static readonly Moderator ShopMod = new("web", "m2", "shop", "shopmod");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly InMemoryConversationStore _store = new();
    private readonly InMemorySavedAnswers _saved;
    private readonly DialogEngine _engine;
    private readonly SavedAnswersDesk _desk;

    public SavedAnswersDeskTests()
    {
        var catalog = TestContent.Load();
        var languages = catalog.Languages.ToDictionary(l => l.Key, l => l.Value);
        languages["ru"] = languages["ru"] with
        {
            SavedAnswers =
            [
                new SavedAnswer("password", "Как сменить пароль", "Откройте **Настройки**.", null, ["как поменять пароль"]),
                new SavedAnswer("shop-only", "Магазин", "Только для магазина.", "shop", ["магазин"]),
                new SavedAnswer("parcel", "Где посылка", "В **Мои заказы**.", null, ["где посылка"]),
            ],
        };
        languages["en"] = languages["en"] with { SavedAnswers = [new SavedAnswer("password", "How to change the password", "Open **Settings**.", null, ["change password"])] };
        _saved = new InMemorySavedAnswers(catalog with { Languages = languages });
        var dependencies = new DialogDependencies(_saved, _store) { SavedAnswers = _saved };
        _engine = new DialogEngine(dependencies);
        _desk = new ModeratorDesk(dependencies).SavedAnswers;
    }

    private async Task AddEventsAsync(string community, params DialogEventKind[] kinds)
    {
        var changes = new TurnChanges();
        foreach (var kind in kinds)
            changes.Events.Add(new DialogEvent { Id = Guid.NewGuid(), UserKey = "telegram:5", Kind = kind, Topic = "password", Community = community, At = DateTimeOffset.UtcNow });
        await _store.CommitAsync(changes, Ct);
    }

    private async Task<string> FaqAsync(string text, Moderator moderator) =>
        string.Join("\n", (await _engine.HandleAsync(Turn.FromText("web", moderator.UserId, moderator.UserId, "en", text) with { IsModerator = true, Community = moderator.Community }, Ct)).Messages.Select(m => m.Text));

    [Fact]
    public async Task List_HasTheCommunitysAnswers_WithTexts_Examples_AndTheCountsFaqShows()
    {
        await AddEventsAsync(Turn.DefaultCommunity, DialogEventKind.SavedAnswerServed, DialogEventKind.SavedAnswerServed, DialogEventKind.SavedAnswerServed,
            DialogEventKind.SavedAnswerHelpful, DialogEventKind.SavedAnswerHelpful, DialogEventKind.SavedAnswerNotHelpful);
        await AddEventsAsync("shop", DialogEventKind.SavedAnswerServed);

        var list = await _desk.ListAsync(Mod, 30, Ct);

        Assert.Equal(["password", "parcel"], list.Select(a => a.Id));
        var password = list[0];
        Assert.Equal((3, 2, 1), (password.Served, password.Helpful, password.NotHelpful));
        Assert.Equal(2.0 / 3, password.HelpfulRate!.Value, 6);
        Assert.Equal(["ru", "en"], password.Versions.Select(v => v.Language));
        Assert.Equal(["change password"], password.Versions[1].Examples);
        Assert.True(password.Editable);
        Assert.Null(list[1].HelpfulRate);
        Assert.Contains("served 3 · helpful 67% (2/3)", await FaqAsync("/faq", Mod), StringComparison.Ordinal);

        var shop = await _desk.ListAsync(ShopMod, 30, Ct);
        Assert.Equal(["password", "shop-only", "parcel"], shop.Select(a => a.Id));
        Assert.False(shop[0].Editable);
        Assert.True(shop[1].Editable);
        Assert.Equal(1, shop[0].Served);
    }

    [Fact]
    public async Task Edit_And_Translate_WriteThroughISavedAnswers()
    {
        var edited = await _desk.EditAsync(Mod, "password", "en", "Changing the password", null, Ct);
        Assert.Equal(SavedAnswerEditOutcome.Saved, edited.Outcome);
        Assert.Equal("Changing the password", edited.Answer!.Versions.Single(v => v.Language == "en").Title);
        Assert.Equal("Open **Settings**.", _saved.Current.Languages["en"].SavedAnswers.Single(a => a.Id == "password").Answer);

        Assert.Equal(SavedAnswerEditOutcome.Saved, (await _desk.EditAsync(Mod, "password", "en", null, "  Open **Settings** → Security.\u0007 ", Ct)).Outcome);
        Assert.Equal("Open **Settings** → Security.", _saved.Current.Languages["en"].SavedAnswers.Single(a => a.Id == "password").Answer);
        Assert.Equal(SavedAnswerEditOutcome.Unchanged, (await _desk.EditAsync(Mod, "password", "en", "Changing the password", null, Ct)).Outcome);

        Assert.Equal(SavedAnswerEditOutcome.UnknownLanguage, (await _desk.EditAsync(Mod, "parcel", "en", "Where is my parcel", null, Ct)).Outcome);
        var translated = await _desk.TranslateAsync(Mod, "parcel", "en", "Where is my parcel", "In **My orders**.", Ct);
        Assert.Equal(SavedAnswerEditOutcome.Saved, translated.Outcome);
        Assert.Equal(["ru", "en"], translated.Answer!.Versions.Select(v => v.Language));
    }

    [Fact]
    public async Task BadInput_GivesAnOutcome_AndWritesNothing()
    {
        var writes = _saved.Writes;

        Assert.Equal(SavedAnswerEditOutcome.UnknownAnswer, (await _desk.EditAsync(Mod, "nope", "ru", "x", null, Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.UnknownAnswer, (await _desk.EditAsync(Mod, "../../etc", "ru", "x", null, Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.UnknownAnswer, (await _desk.EditAsync(Mod, null!, "ru", "x", null, Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.UnknownAnswer, (await _desk.EditAsync(Mod, "shop-only", "ru", "x", null, Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.UnknownAnswer, (await _desk.DeleteAsync(Mod, "shop-only", Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.ReadOnly, (await _desk.EditAsync(ShopMod, "password", "ru", "x", null, Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.ReadOnly, (await _desk.DeleteAsync(ShopMod, "password", Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.UnknownLanguage, (await _desk.TranslateAsync(Mod, "password", "de", "x", "y", Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.EmptyText, (await _desk.EditAsync(Mod, "password", "ru", null, " \u0000 ", Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.EmptyText, (await _desk.TranslateAsync(Mod, "parcel", "en", "Parcel", "", Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.TooLong, (await _desk.EditAsync(Mod, "password", "ru", null, new string('я', 100_000), Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.TitleInvalid, (await _desk.EditAsync(Mod, "password", "ru", "two\nlines", null, Ct)).Outcome);
        Assert.Equal(SavedAnswerEditOutcome.TitleInvalid, (await _desk.EditAsync(Mod, "password", "ru", new string('x', 500), null, Ct)).Outcome);
        var clash = await _desk.EditAsync(Mod, "password", "ru", "где посылка", null, Ct);
        Assert.Equal((SavedAnswerEditOutcome.TitleTaken, "parcel"), (clash.Outcome, clash.Detail));
        Assert.Equal(writes, _saved.Writes);
    }

    [Fact]
    public async Task ARefusalOfTheLoader_IsPassedOn()
    {
        _saved.RefuseWith = "the loader says no";

        var refused = await _desk.EditAsync(Mod, "password", "ru", null, "Новый текст.", Ct);

        Assert.Equal((SavedAnswerEditOutcome.Refused, "the loader says no"), (refused.Outcome, refused.Detail));
        Assert.Equal("Откройте **Настройки**.", _saved.Current.Languages["ru"].SavedAnswers.Single(a => a.Id == "password").Answer);
        Assert.Equal(SavedAnswerEditOutcome.Refused, (await _desk.DeleteAsync(Mod, "password", Ct)).Outcome);
    }

    [Fact]
    public async Task Delete_RemovesEveryLanguage_AndFaqNoLongerFindsIt()
    {
        Assert.Equal(SavedAnswerEditOutcome.Saved, (await _desk.DeleteAsync(Mod, "password", Ct)).Outcome);

        Assert.DoesNotContain(_saved.Current.Languages.Values, l => l.SavedAnswers.Any(a => a.Id == "password"));
        Assert.Equal(SavedAnswerEditOutcome.UnknownAnswer, (await _desk.DeleteAsync(Mod, "password", Ct)).Outcome);
        Assert.DoesNotContain("`password`", await FaqAsync("/faq", Mod), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutSavedAnswers_ChangesAreUnavailable()
    {
        var desk = new ModeratorDesk(new DialogDependencies(_saved, _store)).SavedAnswers;

        Assert.Equal(SavedAnswerEditOutcome.Unavailable, (await desk.EditAsync(Mod, "password", "ru", "x", null, Ct)).Outcome);
        Assert.Equal(2, (await desk.ListAsync(Mod, 30, Ct)).Count);
    }
}
