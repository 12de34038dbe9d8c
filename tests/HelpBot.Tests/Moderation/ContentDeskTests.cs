using HelpBot.Content;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.Engine.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpBot.Tests.Moderation;

/// <summary>
/// The console's content desk on a copy of content/ through the real <see cref="ContentFiles"/> and reload: a save
/// changes one text in place, keeps a copy of the replaced file, and the bot serves the new text; bad input and a
/// refusing reload leave the file as it was.
/// </summary>
public sealed class ContentDeskTests : IDisposable
{
    private const string Step = "aliexpress:steps/my-aliexpress/text";
    private const string StepKey = "steps/my-aliexpress/text";

    private static readonly Moderator Alice = new("telegram", "1", "default", "alice");

    private readonly ContentCopy _content = new();
    private readonly ReloadingContentProvider _provider;
    private readonly RefusingReloader _reloader;
    private readonly ContentDesk _desk;

    public ContentDeskTests()
    {
        var options = Options.Create(new ContentOptions { Path = _content.Root, WatchFiles = false });
        _provider = new ReloadingContentProvider(options, NullLogger<ReloadingContentProvider>.Instance);
        _reloader = new RefusingReloader(_provider);
        var files = new ContentFiles(options, _provider, _reloader, TimeProvider.System, NullLogger<ContentFiles>.Instance);
        _desk = new ModeratorDesk(new DialogDependencies(_provider, new InMemoryConversationStore()) { Reloader = _provider, ContentFiles = files }).Content;
    }

    public void Dispose()
    {
        _provider.Dispose();
        _content.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string GuidePath(string language) => Path.GetFullPath(_content.PathOf(language + "/aliexpress.yaml"));

    private string FileText(string language) => File.ReadAllText(GuidePath(language));

    private string Served(string language) => _provider.Current.Languages[language].Guides["aliexpress"].Steps[0].Text;

    [Fact]
    public async Task Every_text_is_listed_with_each_languages_text_file_and_line()
    {
        var sections = await _desk.ListAsync(Alice, Ct);

        var step = Assert.Single(sections, s => s.Id == Step);
        Assert.Equal(["ru", "en"], step.Texts.Select(t => t.Language));
        foreach (var text in step.Texts)
        {
            Assert.Equal(GuidePath(text.Language), text.File);
            Assert.Equal(Served(text.Language), text.Text.Trim());
            Assert.Contains("text:", File.ReadAllLines(text.File)[text.Line - 1], StringComparison.Ordinal);
        }
        Assert.Contains(sections, s => s.Id == "aliexpress:consequences/items/no-trading/title");
        Assert.DoesNotContain(sections, s => s.Key.EndsWith("/id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validating_runs_the_loader_on_the_edited_file_and_names_file_and_line()
    {
        var line = (await _desk.ListAsync(Alice, Ct)).Single(s => s.Id == Step).Texts.Single(t => t.Language == "en").Line;

        Assert.Equal(ContentEditOutcome.Valid, (await _desk.ValidateAsync(Alice, Step, "en", "Open **My AliExpress**: it's \"here\" # really", Ct)).Outcome);
        var unbalanced = await _desk.ValidateAsync(Alice, Step, "en", "Open **My AliExpress", Ct);
        Assert.Equal(ContentEditOutcome.Invalid, unbalanced.Outcome);
        var error = Assert.Single(unbalanced.Errors);
        Assert.Equal((GuidePath("en"), line), (error.File, error.Line));

        Assert.Equal(ContentEditOutcome.Invalid, (await _desk.ValidateAsync(Alice, Step, "en", "   ", Ct)).Outcome);
        Assert.Contains("1500", Assert.Single((await _desk.ValidateAsync(Alice, Step, "en", new string('x', 100_000), Ct)).Errors).Message, StringComparison.Ordinal);
        Assert.Contains("control character", Assert.Single((await _desk.ValidateAsync(Alice, Step, "en", "bell\u0007", Ct)).Errors).Message, StringComparison.Ordinal);
        Assert.Equal(ContentEditOutcome.Invalid, (await _desk.ValidateAsync(Alice, "aliexpress:steps/my-aliexpress/title", "en", "two\nlines", Ct)).Outcome);
    }

    [Theory]
    [InlineData("aliexpress:steps/nope/text", "en")]
    [InlineData("aliexpress:steps/my-aliexpress/id", "en")]
    [InlineData("../../etc/passwd:intro", "en")]
    [InlineData("aliexpress", "en")]
    [InlineData("", "en")]
    [InlineData(Step, "de")]
    [InlineData(Step, "../ru")]
    public async Task A_forged_section_or_language_is_unknown_and_nothing_is_written(string id, string language)
    {
        var before = FileText("en");

        Assert.Equal(ContentEditOutcome.UnknownSection, (await _desk.ValidateAsync(Alice, id, language, "x", Ct)).Outcome);
        Assert.Equal(ContentEditOutcome.UnknownSection, (await _desk.SaveAsync(Alice, id, language, "x", null, Ct)).Outcome);
        Assert.Equal(ContentEditOutcome.UnknownSection, (await _desk.PreviewAsync(Alice, id, language, "x", Ct)).Outcome);
        Assert.Equal(before, FileText("en"));
    }

    [Fact]
    public async Task The_preview_is_the_screen_the_bot_sends_with_the_new_text()
    {
        var preview = await _desk.PreviewAsync(Alice, Step, "en", "Open **My AliExpress** now", Ct);

        Assert.Equal(ContentEditOutcome.Valid, preview.Outcome);
        var message = Assert.Single(preview.Messages);
        Assert.Contains("Open **My AliExpress** now", message.Text, StringComparison.Ordinal);
        Assert.Contains(message.Spans, s => s.Text == "My AliExpress" && s.Style == Markup.Style.Bold);
        Assert.Contains(message.Buttons.SelectMany(r => r), l => l == _provider.Current.Languages["en"].Texts[TextKey.ButtonNext]);
        Assert.Equal(ContentEditOutcome.Invalid, (await _desk.PreviewAsync(Alice, Step, "en", "Open **My", Ct)).Outcome);
    }

    [Fact]
    public async Task A_save_changes_only_that_text_keeps_a_copy_and_the_bot_serves_it()
    {
        var before = FileText("en");
        const string Text = "Go to \"My AliExpress\": top right # not a comment\nSecond line 👍";

        var saved = await _desk.SaveAsync(Alice, Step, "en", Text, Served("en"), Ct);

        Assert.Equal(ContentEditOutcome.Valid, saved.Outcome);
        Assert.Equal(Text, Served("en"));
        Assert.Equal(before, File.ReadAllText(saved.Backup!));
        Assert.StartsWith(Path.Combine(_content.Root, ContentFiles.BackupFolder, "en", "aliexpress.yaml."), saved.Backup, StringComparison.Ordinal);
        var after = FileText("en");
        Assert.Equal(before.Split('\n')[0], after.Split('\n')[0]);
        Assert.Equal(GuideFile.Texts(before).Where(t => t.Key != StepKey).Select(t => t.Text), GuideFile.Texts(after).Where(t => t.Key != StepKey).Select(t => t.Text));
        ContentLoader.Load(_content.Root, "ru");
        Assert.Equal(ContentEditOutcome.Unchanged, (await _desk.SaveAsync(Alice, Step, "en", Text, null, Ct)).Outcome);
    }

    [Fact]
    public async Task A_save_keeps_a_hand_edit_of_another_text_and_refuses_to_overwrite_one_of_the_same()
    {
        var startedFrom = Served("en");
        _content.Edit("en/aliexpress.yaml", "title: Deleting an AliExpress account", "title: Deleting an AliExpress account (edited by hand)");

        Assert.Equal(ContentEditOutcome.Valid, (await _desk.SaveAsync(Alice, Step, "en", "New step text.", startedFrom, Ct)).Outcome);
        Assert.Contains("(edited by hand)", FileText("en"), StringComparison.Ordinal);

        _content.Edit("en/aliexpress.yaml", "New step text.", "Step text changed by hand.");
        var conflict = await _desk.SaveAsync(Alice, Step, "en", "Mine.", "New step text.", Ct);
        Assert.Equal(ContentEditOutcome.Conflict, conflict.Outcome);
        Assert.Equal("Step text changed by hand.", conflict.Current);
        Assert.Contains("Step text changed by hand.", FileText("en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_communitys_moderator_may_read_and_check_but_not_save()
    {
        var shop = new Moderator("telegram", "2", "shop");
        var before = FileText("en");

        Assert.NotEmpty(await _desk.ListAsync(shop, Ct));
        Assert.Equal(ContentEditOutcome.Valid, (await _desk.ValidateAsync(shop, Step, "en", "New step text.", Ct)).Outcome);
        Assert.Equal(ContentEditOutcome.ReadOnly, (await _desk.SaveAsync(shop, Step, "en", "New step text.", null, Ct)).Outcome);
        Assert.Equal(before, FileText("en"));
    }

    [Fact]
    public async Task An_invalid_text_is_refused_before_anything_is_written()
    {
        var before = FileText("en");

        var refused = await _desk.SaveAsync(Alice, Step, "en", "Open **My AliExpress", null, Ct);

        Assert.Equal(ContentEditOutcome.Invalid, refused.Outcome);
        Assert.Equal(before, FileText("en"));
        Assert.False(Directory.Exists(Path.Combine(_content.Root, ContentFiles.BackupFolder)));
    }

    [Fact]
    public async Task A_reload_that_refuses_the_file_puts_the_old_one_back_and_names_the_error()
    {
        var before = FileText("en");
        var served = Served("en");
        _reloader.Refuse = new ContentError(GuidePath("en"), 1, 1, "refused by the whole content");

        var saved = await _desk.SaveAsync(Alice, Step, "en", "New step text.", null, Ct);

        Assert.Equal(ContentEditOutcome.ReloadRefused, saved.Outcome);
        Assert.Equal("refused by the whole content", Assert.Single(saved.Errors).Message);
        Assert.Equal(before, FileText("en"));
        Assert.Equal(served, Served("en"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_content.Root, ContentFiles.BackupFolder, "en")));
    }

    [Fact]
    public async Task A_bot_that_cannot_edit_its_content_says_so()
    {
        var desk = new ModeratorDesk(new DialogDependencies(_provider, new InMemoryConversationStore())).Content;

        Assert.Empty(await desk.ListAsync(Alice, Ct));
        Assert.Equal(ContentEditOutcome.Unavailable, (await desk.SaveAsync(Alice, Step, "en", "x", null, Ct)).Outcome);
        Assert.Equal(ContentEditOutcome.Unavailable, (await desk.ValidateAsync(Alice, Step, "en", "x", Ct)).Outcome);
    }

    /// <summary>The real reload, which refuses once with <see cref="Refuse"/> when set (after putting the file back, it reloads for real).</summary>
    private sealed class RefusingReloader(IContentReloader inner) : IContentReloader
    {
        public ContentError? Refuse { get; set; }

        public IReadOnlyList<ContentError> Reload()
        {
            var errors = inner.Reload();
            if (Refuse is not { } refuse)
                return errors;
            Refuse = null;
            return [refuse];
        }
    }
}
