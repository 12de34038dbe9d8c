using HelpBot.Content;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpBot.Tests.Moderation;

/// <summary>
/// Moderators change saved answers with /faq: the changes land in a copy of content/ through the real
/// <see cref="SavedAnswersFileWriter"/> and content reload. Bad input gets a clear reply and leaves the files as they
/// were; races keep every change; after every step the whole content still validates.
/// </summary>
public sealed class SavedAnswersTests : IDisposable
{
    private const string Password = "change-password";
    private const string Parcel = "track-parcel";
    private const string ShopX = "shop-x";
    private const string ShopY = "shop-y";

    private readonly ContentCopy _content = new();
    private readonly ReloadingContentProvider _provider;
    private readonly SavedAnswersFileWriter _writer;
    private readonly InMemoryConversationStore _store = new();
    private readonly DialogEngine _engine;

    public SavedAnswersTests()
    {
        File.WriteAllText(_content.PathOf("ru/answers.yaml"), SavedAnswersFile.Format(
        [
            new SavedAnswer(Password, "Как сменить пароль", "Откройте **Мой профиль** → **Настройки**.", null, ["как поменять пароль"]),
            new SavedAnswer(Parcel, "Где моя посылка", "Трек-номер есть в **Мои заказы**.", null, ["где посылка"]),
            new SavedAnswer(ShopX, "Магазин X", "Только для сообщества x.", "x", ["магазин икс"]),
            new SavedAnswer(ShopY, "Магазин Y", "Только для сообщества y.", "y", ["магазин игрек"]),
        ]));
        File.WriteAllText(_content.PathOf("en/answers.yaml"), SavedAnswersFile.Format(
        [
            new SavedAnswer(Password, "How to change the password", "Open **My profile** → **Settings**.", null, ["how do i change my password"]),
        ]));
        var options = Options.Create(new ContentOptions { Path = _content.Root, WatchFiles = false });
        _provider = new ReloadingContentProvider(options, NullLogger<ReloadingContentProvider>.Instance);
        _writer = new SavedAnswersFileWriter(options, _provider, _provider, NullLogger<SavedAnswersFileWriter>.Instance);
        _engine = new DialogEngine(new DialogDependencies(_provider, _store) { Reloader = _provider, SavedAnswers = _writer });
    }

    public void Dispose()
    {
        _provider.Dispose();
        _content.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> Moderator(string id, string text, string community = Turn.DefaultCommunity) =>
        Text(await _engine.HandleAsync(Turn.FromText("telegram", id, id, "en", text) with { IsModerator = true, Community = community }, Ct));

    private async Task<string> Press(string id, string action, string community = Turn.DefaultCommunity, bool moderator = true) =>
        Text(await _engine.HandleAsync(Turn.FromAction("telegram", id, id, "en", action) with { IsModerator = moderator, Community = community }, Ct));

    private static string Text(Reply reply) => string.Join("\n", reply.Messages.Select(m => m.Text));

    private static string Faq(string id, string argument) => new ActionId(ActionId.Faq, id, argument).ToString();

    private string FileText(string language) => File.ReadAllText(_content.PathOf(language + "/answers.yaml"));

    /// <summary>The answers of a language as the file has them; the file must be valid.</summary>
    private IReadOnlyList<SavedAnswer> Answers(string language)
    {
        var errors = new List<ContentError>();
        var answers = ContentLoader.LoadSavedAnswers("answers.yaml", FileText(language), errors);
        Assert.Empty(errors);
        return answers;
    }

    private SavedAnswer? Answer(string language, string id) => Answers(language).FirstOrDefault(a => a.Id == id);

    /// <summary>validate-content: the whole content loads (ContentLoader.Load throws with every error otherwise).</summary>
    private void AssertValid() => ContentLoader.Load(_content.Root, "ru");

    [Fact]
    public async Task EditTitleAndText_LandInTheFile_AndTheReaderSeesThem()
    {
        Assert.Contains("Send the new title", await Press("1", Faq(Password, "t_ru")), StringComparison.Ordinal);
        Assert.Contains("Saved", await Moderator("1", "Как поменять пароль"), StringComparison.Ordinal);
        AssertValid();
        Assert.Contains("Send the new text", await Press("1", Faq(Password, "x_ru")), StringComparison.Ordinal);
        Assert.Contains("Saved", await Moderator("1", "Пароль меняется в **Безопасности**."), StringComparison.Ordinal);
        AssertValid();

        var answer = Answer("ru", Password)!;
        Assert.Equal(("Как поменять пароль", "Пароль меняется в **Безопасности**."), (answer.Title, answer.Answer));
        Assert.Equal(["как поменять пароль"], answer.Examples);
        Assert.Equal("Как поменять пароль", _provider.Current.Languages["ru"].SavedAnswers.Single(a => a.Id == Password).Title);
        Assert.Equal("How to change the password", Answer("en", Password)!.Title);
    }

    [Fact]
    public async Task EmptyTitleOrText_IsRefused_AndNothingIsWritten()
    {
        var before = FileText("ru");
        await Press("1", Faq(Password, "t_ru"));
        Assert.Contains("empty", await Moderator("1", "   "), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, FileText("ru"));

        var title = await _writer.ChangeAsync("ru", Password, a => a! with { Title = "" }, Ct);
        var text = await _writer.ChangeAsync("ru", Password, a => a! with { Answer = " " }, Ct);
        Assert.Equal((SavedAnswerOutcome.Refused, SavedAnswerOutcome.Refused), (title.Outcome, text.Outcome));
        Assert.Equal(before, FileText("ru"));
        AssertValid();
    }

    [Fact]
    public async Task TooLongAnswer_IsRefusedNamingTheLimit_AndNothingIsWritten()
    {
        var before = FileText("ru");
        await Press("1", Faq(Password, "x_ru"));
        // 10,000 characters: longer than any message the bot takes (2000), refused before /faq sees it.
        Assert.Contains("2000", await Moderator("1", new string('а', 10_000)), StringComparison.Ordinal);
        // Within a message but over an answer's limit: refused naming the content's limit.
        var reply = await Moderator("1", new string('а', 1600));
        Assert.Contains("1600", reply, StringComparison.Ordinal);
        Assert.Contains(ContentLoader.MaxTextLength.ToString(System.Globalization.CultureInfo.InvariantCulture), reply, StringComparison.Ordinal);
        Assert.Equal(before, FileText("ru"));

        var change = await _writer.ChangeAsync("ru", Password, a => a! with { Answer = new string('a', 10_000) }, Ct);
        Assert.Equal(SavedAnswerOutcome.Refused, change.Outcome);
        Assert.Contains("1500", change.Detail, StringComparison.Ordinal);
        Assert.Equal(before, FileText("ru"));
        AssertValid();
    }

    [Fact]
    public async Task TitleClash_IsRefused_AndNothingIsWritten()
    {
        var before = FileText("ru");
        await Press("1", Faq(Parcel, "t_ru"));
        var reply = await Moderator("1", "как сменить ПАРОЛЬ");
        Assert.Contains("already the title of the answer change-password", reply, StringComparison.Ordinal);
        Assert.Equal(before, FileText("ru"));

        // The writer refuses it too (a clash with an answer saved after the moderator's check), in the loader's words.
        var change = await _writer.ChangeAsync("ru", Parcel, a => a! with { Title = "Как сменить пароль" }, Ct);
        Assert.Equal(SavedAnswerOutcome.Refused, change.Outcome);
        Assert.Contains("already the title", change.Detail, StringComparison.Ordinal);
        Assert.Equal(before, FileText("ru"));
        AssertValid();
    }

    [Fact]
    public async Task SaveRacingAHandEdit_AppliesToTheFileAsItIsNow()
    {
        await Press("1", Faq(Password, "x_ru"));
        // Between the press and the text, someone edits the file by hand: another answer's text, and a new answer.
        var edited = Answers("ru").Select(a => a.Id == Parcel ? a with { Answer = "Исправлено вручную." } : a)
            .Append(new SavedAnswer("hand-made", "Написан вручную", "Текст.", null, ["пример"]));
        File.WriteAllText(_content.PathOf("ru/answers.yaml"), SavedAnswersFile.Format(edited));

        Assert.Contains("Saved", await Moderator("1", "Новый текст."), StringComparison.Ordinal);
        AssertValid();
        var answers = Answers("ru");
        Assert.Equal("Новый текст.", answers.Single(a => a.Id == Password).Answer);
        Assert.Equal("Исправлено вручную.", answers.Single(a => a.Id == Parcel).Answer);
        Assert.Single(answers, a => a.Id == "hand-made");
        Assert.Equal(5, answers.Count);
    }

    [Fact]
    public async Task TwoModeratorsAtOnce_BothChangesLand()
    {
        await Press("1", Faq(Password, "t_ru"));
        await Press("2", Faq(Parcel, "x_ru"));
        var replies = await Task.WhenAll(Moderator("1", "Смена пароля"), Moderator("2", "Смотрите **Мои заказы** → **Отследить**."));
        Assert.All(replies, r => Assert.Contains("Saved", r, StringComparison.Ordinal));
        AssertValid();
        Assert.Equal("Смена пароля", Answer("ru", Password)!.Title);
        Assert.Equal("Смотрите **Мои заказы** → **Отследить**.", Answer("ru", Parcel)!.Answer);

        // Many at once through the writer: every one lands once, nothing is lost or doubled.
        var ids = Enumerable.Range(1, 8).Select(i => "new-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var changes = await Task.WhenAll(ids.Select(id => _writer.ChangeAsync("ru", id, _ => new SavedAnswer(id, "Заголовок " + id, "Ответ " + id, null, []), Ct).AsTask()));
        Assert.All(changes, c => Assert.Equal(SavedAnswerOutcome.Changed, c.Outcome));
        var answers = Answers("ru");
        Assert.Equal(4 + ids.Length, answers.Count);
        Assert.All(ids, id => Assert.Single(answers, a => a.Id == id));
        AssertValid();
    }

    [Fact]
    public async Task DeletedAnswer_ItsButtonsAndAWaitingTextGetAClearReply()
    {
        await Press("1", Faq(Password, "x_ru"));
        Assert.Contains("in every language?", await Press("2", Faq(Password, "d")), StringComparison.Ordinal);
        Assert.Contains("Deleted", await Press("2", Faq(Password, "dy")), StringComparison.Ordinal);
        AssertValid();
        Assert.Null(Answer("ru", Password));
        Assert.Null(Answer("en", Password));

        Assert.Contains("There is no saved answer change-password", await Press("2", Faq(Password, "t_en")), StringComparison.Ordinal);
        Assert.Contains("There is no saved answer change-password", await Press("2", Faq(Password, "dy")), StringComparison.Ordinal);
        // The first moderator's text after the deletion does not bring the answer back.
        Assert.Contains("There is no saved answer change-password", await Moderator("1", "Новый текст."), StringComparison.Ordinal);
        Assert.Null(Answer("ru", Password));
        AssertValid();
    }

    [Theory]
    [InlineData("faq:CHANGE-PASSWORD:t_ru")]
    [InlineData("faq:change-password:t_xx")]
    [InlineData("faq:change-password:q_ru")]
    [InlineData("faq:change-password:t_")]
    [InlineData("faq:change-password")]
    [InlineData("faq:no-such-answer:t_ru")]
    [InlineData("faq:shop-y:t_ru")]
    [InlineData("faq:..:t_ru")]
    [InlineData("faq:a/b:t_ru")]
    [InlineData("faq:change-password:dy:extra")]
    public async Task ForgedButton_ChangesNothing(string action)
    {
        var before = (FileText("ru"), FileText("en"));
        var reply = await Press("1", action);
        Assert.True(reply.Contains("outdated or invalid", StringComparison.Ordinal) || reply.Contains("There is no saved answer", StringComparison.Ordinal), reply);
        Assert.Contains("There is no saved answer", await Moderator("1", "/faq shop-y"), StringComparison.Ordinal);
        Assert.Equal(before, (FileText("ru"), FileText("en")));
    }

    [Fact]
    public async Task ForgedLanguageOrId_IsRefusedByTheWriter()
    {
        var language = await _writer.ChangeAsync("../en", Password, _ => null, Ct);
        var id = await _writer.ChangeAsync("en", "../../bot", _ => null, Ct);
        Assert.Equal((SavedAnswerOutcome.Refused, SavedAnswerOutcome.Refused), (language.Outcome, id.Outcome));
        Assert.NotNull(Answer("en", Password));
    }

    [Fact]
    public async Task UserPressingAModeratorsButton_IsRefused()
    {
        var before = FileText("ru");
        Assert.Contains("moderators only", await Press("5", Faq(Password, "dy"), moderator: false), StringComparison.Ordinal);
        Assert.Equal(before, FileText("ru"));
    }

    [Fact]
    public async Task ACommunitysModerator_SeesItsOwnAndDefaultAnswers_AndChangesOnlyItsOwn()
    {
        var list = await Moderator("7", "/faq", community: "x");
        Assert.Contains("Магазин X", list, StringComparison.Ordinal);
        Assert.Contains("How to change the password", list, StringComparison.Ordinal);
        Assert.Contains("(default answer)", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Магазин Y", list, StringComparison.Ordinal);

        // A default answer is read-only for them: the card says so, and an edit button's press changes nothing.
        var before = FileText("ru");
        var card = await _engine.HandleAsync(Turn.FromText("telegram", "7", "7", "en", "/faq " + Password) with { IsModerator = true, Community = "x" }, Ct);
        Assert.Contains("only moderators of the default community", Text(card), StringComparison.Ordinal);
        Assert.Empty(card.Messages.SelectMany(m => m.AllButtons));
        Assert.Contains("only moderators of the default community", await Press("7", Faq(Password, "t_ru"), community: "x"), StringComparison.Ordinal);
        await Moderator("7", "Чужой заголовок", community: "x");
        Assert.Equal(before, FileText("ru"));

        await Press("7", Faq(ShopX, "t_ru"), community: "x");
        Assert.Contains("Saved", await Moderator("7", "Магазин Икс", community: "x"), StringComparison.Ordinal);
        Assert.Equal("Магазин Икс", Answer("ru", ShopX)!.Title);
        AssertValid();
    }

    [Fact]
    public async Task Translation_KeepsTheAnswersCommunity()
    {
        Assert.Contains("Send the title of \"Магазин X\" in English", await Press("7", Faq(ShopX, "n_en"), community: "x"), StringComparison.Ordinal);
        Assert.Contains("Now send the text", await Moderator("7", "Shop X", community: "x"), StringComparison.Ordinal);
        Assert.Contains("Saved", await Moderator("7", "Only for community x.", community: "x"), StringComparison.Ordinal);
        AssertValid();
        var english = Answer("en", ShopX)!;
        Assert.Equal(("Shop X", "Only for community x.", "x"), (english.Title, english.Answer, english.Community));
        Assert.Contains("ru, en", await Moderator("7", "/faq", community: "x"), StringComparison.Ordinal);

        // In one message: the title on the first line, the answer below it.
        await Press("1", Faq(Parcel, "n_en"));
        Assert.Contains("Saved", await Moderator("1", "Where is my parcel\nThe tracking number is in **My orders**."), StringComparison.Ordinal);
        Assert.Equal(("Where is my parcel", null), (Answer("en", Parcel)!.Title, Answer("en", Parcel)!.Community));
        AssertValid();
    }

    [Fact]
    public async Task AnotherCommunityInAnotherLanguage_IsRefusedByTheWriter()
    {
        var before = FileText("en");
        var change = await _writer.ChangeAsync("en", ShopX, _ => new SavedAnswer(ShopX, "Shop X", "For everyone?", null, []), Ct);
        Assert.Equal(SavedAnswerOutcome.Refused, change.Outcome);
        Assert.Contains("one answer, one community", change.Detail, StringComparison.Ordinal);
        Assert.Equal(before, FileText("en"));
        AssertValid();
    }

    [Fact]
    public async Task DiscordForm_IsTheEditButtonsPressAndText()
    {
        var press = Turn.FromAction("discord", "8", "900", "en", Faq(Password, "t_en")) with { IsModerator = true };
        Assert.Equal(Faq(Password, "t_en"), _engine.FormFor(press));
        Assert.Null(_engine.FormFor(press with { IsModerator = false }));
        Assert.Null(_engine.FormFor(press with { Action = Faq(Password, "v_en") }));
        var form = await _engine.DescribeAsync(press, Faq(Password, "t_en"), Ct);
        Assert.Equal("✏️ Title", form?.Title);

        var submitted = Turn.FromText("discord", "8", "900", "en", "Password change") with { IsModerator = true, Action = null, Form = Faq(Password, "t_en") };
        Assert.Contains("Saved", Text(await _engine.HandleAsync(submitted, Ct)), StringComparison.Ordinal);
        Assert.Equal("Password change", Answer("en", Password)!.Title);
        AssertValid();
    }

    [Fact]
    public async Task List_CountsServedAndHelpfulInTheModeratorsCommunity()
    {
        var changes = new TurnChanges();
        void Add(DialogEventKind kind, string community) => changes.Events.Add(new DialogEvent
        {
            Id = Guid.NewGuid(), UserKey = "telegram:5", Kind = kind, Topic = Password, Community = community, At = DateTimeOffset.UtcNow,
        });
        Add(DialogEventKind.SavedAnswerServed, Turn.DefaultCommunity);
        Add(DialogEventKind.SavedAnswerServed, Turn.DefaultCommunity);
        Add(DialogEventKind.SavedAnswerServed, Turn.DefaultCommunity);
        Add(DialogEventKind.SavedAnswerHelpful, Turn.DefaultCommunity);
        Add(DialogEventKind.SavedAnswerHelpful, Turn.DefaultCommunity);
        Add(DialogEventKind.SavedAnswerNotHelpful, Turn.DefaultCommunity);
        Add(DialogEventKind.SavedAnswerServed, "x");
        await _store.CommitAsync(changes, Ct);

        var list = await Moderator("1", "/faq");
        Assert.Contains("How to change the password** · `change-password` · ru, en · served 3 · helpful 67% (2/3)", list, StringComparison.Ordinal);
        Assert.Contains("served 1 · helpful none", await Moderator("7", "/faq", community: "x"), StringComparison.Ordinal);
    }
}
