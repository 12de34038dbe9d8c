using HelpBot.Content;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpBot.Tests.Moderation;

/// <summary>
/// Moderators teach the reader with /review: labels land in a copy of content/ through the real examples writer and
/// content reload. The reader here is a fixed one (never sure, always guessing the same sections), so no model trains;
/// the transcripts mod-teach-*.chat show the real reader learning.
/// </summary>
public sealed class TeachingTests : IDisposable
{
    private const string ExamplesRu = "ru/aliexpress.examples.tsv";
    private static readonly Topic Scammed = new("aliexpress", TopicKind.Reason, "scammed");
    private static readonly Topic NoResponse = new("aliexpress", TopicKind.Reason, "no-response");

    private readonly ContentCopy _content = new();
    private readonly ReloadingContentProvider _provider;
    private readonly ExamplesFileWriter _writer;
    private readonly InMemoryConversationStore _store = new();
    private readonly DialogEngine _engine;

    public TeachingTests()
    {
        var options = Options.Create(new ContentOptions { Path = _content.Root, WatchFiles = false });
        _provider = new ReloadingContentProvider(options, NullLogger<ReloadingContentProvider>.Instance);
        _writer = new ExamplesFileWriter(options, _provider, _provider, NullLogger<ExamplesFileWriter>.Instance);
        _engine = new DialogEngine(new DialogDependencies(_provider, _store)
        {
            Understanding = new GuessingUnderstanding(),
            Reloader = _provider,
            Examples = _writer,
        });
    }

    public void Dispose()
    {
        _provider.Dispose();
        _content.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Reply> User(string id, string text) => _engine.HandleAsync(Turn.FromText("telegram", id, id, "ru", text), Ct).AsTask();

    private Task<Reply> Moderator(string id, string text) =>
        _engine.HandleAsync(Turn.FromText("discord", id, "900", "en", text) with { IsModerator = true, DisplayName = "mod" + id }, Ct).AsTask();

    private Task<Reply> ModeratorPress(string id, string action) =>
        _engine.HandleAsync(Turn.FromAction("discord", id, "900", "en", action) with { IsModerator = true, DisplayName = "mod" + id }, Ct).AsTask();

    private static string Text(Reply reply) => string.Join("\n", reply.Messages.Select(m => m.Text));

    private static string ActionOf(Reply reply, Func<string, bool> action) =>
        reply.Messages.SelectMany(m => m.AllButtons).Select(b => b.Action).First(action);

    private static string Labelled(Topic topic) => ":" + topic.Kind.ToString().ToLowerInvariant() + "_" + topic.Id;

    private string[] FiledLines() => File.ReadAllLines(_content.PathOf(ExamplesRu)).Where(l => l.Contains("\tmoderator\t", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task TwoModeratorsLabellingTheSameTextsAtOnce_FileEachOnce()
    {
        string[] texts = ["спор по заказу не закрыт", "посылка ещё едет", "монетки сгорят", "кэшбэк пропадёт", "жена пользуется аккаунтом"];
        for (var i = 0; i < texts.Length; i++)
            await User((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), texts[i]);

        var outcomes = new List<string>();
        for (var i = 0; i < texts.Length; i++)
        {
            var shown = await Moderator("1", "/review");
            var asScammed = ActionOf(shown, a => a.EndsWith(Labelled(Scammed), StringComparison.Ordinal));
            var asOffTopic = ActionOf(shown, a => a.EndsWith(":none", StringComparison.Ordinal));
            // Both moderators tap at the same moment, with different labels.
            var replies = await Task.WhenAll(ModeratorPress("1", asScammed), ModeratorPress("2", asOffTopic));
            outcomes.AddRange(replies.Select(r => Text(r).Split('\n')[0]));
        }

        var filed = FiledLines();
        Assert.Equal(texts.Order(StringComparer.Ordinal), filed.Select(l => l.Split('\t')[3]).Order(StringComparer.Ordinal));
        Assert.Equal(texts.Length, outcomes.Count(o => o.StartsWith("Filed", StringComparison.Ordinal)));
        Assert.Equal(texts.Length, outcomes.Count(o => o.StartsWith("This message is already among the examples", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(_content.Root, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(_provider.Reload());
        Assert.Contains("Nothing to review", Text(await Moderator("2", "/review")), StringComparison.Ordinal);
        Assert.Contains("Review queue: 0, labels added by moderators in 7 days: 5", Text(await Moderator("2", "/stats")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyLabelsAtOnce_AllLand_AndTheFileStaysValid()
    {
        var filings = await Task.WhenAll(Enumerable.Range(1, 16).Select(i =>
            _writer.FileAsync("ru", "aliexpress", i % 2 == 0 ? "reason:scammed" : "none", $"сообщение модератора номер {i}", Ct).AsTask()));

        Assert.All(filings, f => Assert.Equal(ExampleFilingOutcome.Added, f.Outcome));
        Assert.Equal(16, FiledLines().Length);
        var catalog = ContentLoader.Load(_content.Root);
        Assert.Equal(16, catalog.Languages["ru"].Guides["aliexpress"].Examples.Count(e => e.Kind == ExamplesFileWriter.Kind));
        var again = await _writer.FileAsync("ru", "aliexpress", "reason:scammed", "  Сообщение   модератора номер 2 ", Ct);
        Assert.Equal(new ExampleFiling(ExampleFilingOutcome.AlreadyFiled, "reason:scammed"), again);
        var otherwise = await _writer.FileAsync("ru", "aliexpress", "none", "сообщение модератора номер 2", Ct);
        Assert.Equal(new ExampleFiling(ExampleFilingOutcome.FiledOtherwise, "reason:scammed"), otherwise);
        var unknown = await _writer.FileAsync("ru", "aliexpress", "reason:nothing-like-it", "другое сообщение", Ct);
        Assert.Equal(ExampleFilingOutcome.Refused, unknown.Outcome);
        Assert.Contains("unknown label 'reason:nothing-like-it'", unknown.Detail, StringComparison.Ordinal);
        Assert.Equal(16, FiledLines().Length);
    }

    [Fact]
    public async Task LabelForASectionRemovedByAContentEdit_IsRefusedWithAClearReply()
    {
        await User("1", "меня развели, удаляю");
        var shown = await Moderator("1", "/review");
        var asScammed = ActionOf(shown, a => a.EndsWith(Labelled(Scammed), StringComparison.Ordinal));

        // The option goes from the guide in both languages, and its examples with it.
        foreach (var language in new[] { "ru", "en" })
        {
            var yaml = File.ReadAllText(_content.PathOf($"{language}/aliexpress.yaml"));
            var start = yaml.IndexOf("    - id: scammed", StringComparison.Ordinal);
            var end = yaml.IndexOf("    - id: ", start + 1, StringComparison.Ordinal);
            File.WriteAllText(_content.PathOf($"{language}/aliexpress.yaml"), yaml[..start] + yaml[end..]);
            var tsv = _content.PathOf($"{language}/aliexpress.examples.tsv");
            File.WriteAllLines(tsv, File.ReadAllLines(tsv).Where(l => !l.Contains("\treason:scammed\t", StringComparison.Ordinal)));
        }
        Assert.Empty(_provider.Reload());

        var reply = await ModeratorPress("1", asScammed);

        Assert.StartsWith("The section \"reason_scammed\" no longer exists in the guide; nothing was filed.", Text(reply), StringComparison.Ordinal);
        Assert.DoesNotContain(reply.Messages.SelectMany(m => m.AllButtons), b => b.Action.EndsWith(Labelled(Scammed), StringComparison.Ordinal));
        Assert.Contains(reply.Messages.SelectMany(m => m.AllButtons), b => b.Action.EndsWith(Labelled(NoResponse), StringComparison.Ordinal));
        Assert.Empty(FiledLines());
        Assert.Contains("меня развели, удаляю", Text(await Moderator("1", "/review")), StringComparison.Ordinal);

        // A line still naming the removed section is a content error naming its file and line; the content stays.
        var path = _content.PathOf(ExamplesRu);
        var lines = File.ReadAllLines(path).Length;
        File.AppendAllText(path, ExamplesFile.Line("ru", "reason:scammed", "moderator", "меня развели") + "\n");
        var error = Assert.Single(_provider.Reload());
        Assert.Equal((path, lines + 1), (error.File, error.Line));
        Assert.Contains("unknown label 'reason:scammed'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_RemovesTheUsersTextsFromTheQueue_AndFiledExamplesKeepNoUserId()
    {
        await User("1", "первый текст пользователя");
        await User("2", "второй текст пользователя");
        var shown = await Moderator("1", "/review");
        Assert.Contains("первый текст пользователя", Text(shown), StringComparison.Ordinal);
        var next = await ModeratorPress("1", ActionOf(shown, a => a.EndsWith(":none", StringComparison.Ordinal)));
        Assert.Contains("второй текст пользователя", Text(next), StringComparison.Ordinal);

        await User("2", "/forget");
        await User("1", "/forget");

        Assert.Contains("Nothing to review", Text(await Moderator("1", "/review")), StringComparison.Ordinal);
        Assert.DoesNotContain(_store.Events, e => e.Text is not null);
        Assert.Equal([ExamplesFile.Line("ru", "none", "moderator", "первый текст пользователя")], FiledLines());
    }

    [Fact]
    public async Task AUsersChoiceAmongOfferedSections_IsProposedForReview_NotFiled()
    {
        var offered = await User("1", "продавец не отвечает, что делать");
        await _engine.HandleAsync(Turn.FromAction("telegram", "1", "1", "ru", ActionOf(offered, a => a.EndsWith(Labelled(NoResponse), StringComparison.Ordinal))), Ct);

        Assert.Empty(FiledLines());
        var shown = await Moderator("1", "/review");
        Assert.Contains("The user chose", Text(shown), StringComparison.Ordinal);
        Assert.EndsWith(Labelled(NoResponse), shown.Messages[0].Buttons[0][0].Action, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnsweringARelayedQuestion_OffersToFileIt()
    {
        await User("1", "/ask продавец не отвечает, можно удалять?");
        var question = Assert.Single(_store.Questions);

        var answered = await Moderator("1", $"/answer {question.Id} Да, но дождитесь возврата денег.");

        Assert.Contains("File the question under a section", Text(answered), StringComparison.Ordinal);
        Assert.DoesNotContain(answered.Messages.SelectMany(m => m.AllButtons), b => b.Action.EndsWith(":skip", StringComparison.Ordinal));
        var filed = await ModeratorPress("1", ActionOf(answered, a => a.EndsWith(Labelled(NoResponse), StringComparison.Ordinal)));
        Assert.StartsWith("Filed under", Text(filed), StringComparison.Ordinal);
        Assert.Equal([ExamplesFile.Line("ru", "reason:no-response", "moderator", "продавец не отвечает, можно удалять?")], FiledLines());
    }

    [Theory]
    [InlineData("rv:0123456789ABCDEF:none")]
    [InlineData("rv:short:none")]
    [InlineData("rq:QNOPE1:none")]
    public async Task ForgedOrUnknownLabelButtons_AreRefused(string action)
    {
        await User("1", "какой-то текст");

        Assert.Contains("outdated or invalid", Text(await ModeratorPress("1", action)), StringComparison.Ordinal);
        var user = await _engine.HandleAsync(Turn.FromAction("telegram", "1", "1", "ru", action), Ct);
        Assert.DoesNotContain("Filed", Text(user), StringComparison.Ordinal);
        Assert.Empty(FiledLines());
    }

    /// <summary>Never sure: every message is offered the same two reason options.</summary>
    private sealed class GuessingUnderstanding : ITextUnderstanding
    {
        public TextReading Understand(string text, string language, Topic? near, string community = Turn.DefaultCommunity) => new(null, [Scammed, NoResponse]);
    }
}
