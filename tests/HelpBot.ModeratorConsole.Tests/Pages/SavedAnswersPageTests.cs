using HelpBot.Engine.Content;
using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Pages;

/// <summary>
/// /console/answers in a browser: edits, translations and deletions reach the bot's replies in chat at once; refused
/// edits say why beside the field and change nothing; a moderator sees and changes only their community's answers.
/// Each test saves its own answers (ids and wording with a fresh marker), so the shared host's others do not matter.
/// </summary>
[Collection(SharedConsoleHost.Name)]
public sealed class SavedAnswersPageTests(ConsoleHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A saved answer as a moderator's /faq or review would have saved it, with one example question.</summary>
    private sealed record Seeded(string Id, string Title, string Text, string Example);

    private async Task<Seeded> SeedAsync(string community, string topic)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var seeded = new Seeded($"{topic}-{marker}", $"{topic} {marker}", $"To {topic}, open the {marker} panel.", $"how do i {topic} the {marker} panel");
        var change = await host.Services.GetRequiredService<ISavedAnswers>().ChangeAsync("en", seeded.Id,
            _ => new SavedAnswer(seeded.Id, seeded.Title, seeded.Text, community, [seeded.Example]), Ct);
        Assert.Equal(SavedAnswerOutcome.Changed, change.Outcome);
        await ReaderRetrainedAsync();
        return seeded;
    }

    /// <summary>The reader retrains on the changed content in the background: chat is read by the new model only after it.</summary>
    private Task ReaderRetrainedAsync() =>
        host.Services.GetRequiredService<HelpBot.Engine.Understanding.ITextUnderstanding>() is HelpBot.Understanding.ClassifierTextUnderstanding classifier
            ? classifier.Retraining
            : Task.CompletedTask;

    /// <summary>The answer as the bot has it now in <paramref name="language"/> (null: none).</summary>
    private SavedAnswer? Current(string id, string language = "en") =>
        host.Services.GetRequiredService<IContentProvider>().Current.Languages[language].SavedAnswers.FirstOrDefault(a => a.Id == id);

    private static async Task<IPage> AnswersPageAsync(IBrowserContext context)
    {
        var page = context.Pages[0];
        await page.GotoAsync("/console/answers");
        return page;
    }

    // Plain text: the chat shows formatting marks as formatting.
    private const string RechargeText = "Recharge from the Power tab now.";

    [Fact]
    public async Task EditedText_IsServedByTheBot_OnTheNextMatchingQuestion()
    {
        var answer = await SeedAsync(ConsoleHost.TelegramCommunity, "recharge");
        Assert.Contains(answer.Text, await host.TelegramReplyAsync(ConsoleHost.TelegramUser, answer.Example), StringComparison.Ordinal);
        await using var context = await host.SignedInAsync();
        var page = await AnswersPageAsync(context);
        var card = page.Locator("#answer-" + answer.Id);
        await Assertions.Expect(card.Locator(".languages")).ToHaveTextAsync("en");

        var form = card.Locator("form.edit[data-language=en]");
        await form.Locator("textarea[name=text]").FillAsync(RechargeText);
        await form.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator($"#answer-{answer.Id} .notice.done")).ToContainTextAsync("Saved");
        Assert.Equal(RechargeText, Current(answer.Id)!.Answer);
        await ReaderRetrainedAsync();
        Assert.Contains(RechargeText, await host.TelegramReplyAsync(ConsoleHost.TelegramUser, answer.Example), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyTextOrClashingTitle_IsRefusedBesideTheField_AndNothingChanges()
    {
        var answer = await SeedAsync(ConsoleHost.TelegramCommunity, "unlock");
        var other = await SeedAsync(ConsoleHost.TelegramCommunity, "relock");
        await using var context = await host.SignedInAsync();
        var page = await AnswersPageAsync(context);
        var form = page.Locator($"#answer-{answer.Id} form.edit[data-language=en]");

        await form.Locator("textarea[name=text]").FillAsync("   ");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(form.Locator(".notice.refused[data-field=text]")).ToContainTextAsync("Empty");
        Assert.Equal(answer.Text, Current(answer.Id)!.Answer);

        await form.Locator("textarea[name=text]").FillAsync("A new text that must not be saved.");
        await form.Locator("input[name=title]").FillAsync(other.Title.ToUpperInvariant());
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(form.Locator(".notice.refused[data-field=title]")).ToContainTextAsync(other.Id);
        // What was typed stays in the form, to be corrected.
        await Assertions.Expect(form.Locator("textarea[name=text]")).ToHaveValueAsync("A new text that must not be saved.");
        Assert.Equal((answer.Title, answer.Text), (Current(answer.Id)!.Title, Current(answer.Id)!.Answer));
    }

    [Fact]
    public async Task Translation_AddsTheLanguage_AndAUserWritingInItGetsIt()
    {
        var answer = await SeedAsync(ConsoleHost.TelegramCommunity, "calibrate");
        await using var context = await host.SignedInAsync();
        var page = await AnswersPageAsync(context);
        var card = page.Locator("#answer-" + answer.Id);

        await card.Locator("details.translate summary").ClickAsync();
        var form = card.Locator("form.translate[data-language=ru]");
        var title = "Калибровка " + answer.Id[^8..];
        await form.Locator("input[name=title]").FillAsync(title);
        await form.Locator("textarea[name=text]").FillAsync("Откройте панель калибровки.");
        await form.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator($"#answer-{answer.Id} form.edit[data-language=ru] .notice.done")).ToContainTextAsync("Saved");
        await Assertions.Expect(page.Locator($"#answer-{answer.Id} .languages")).ToContainTextAsync("ru");
        await ReaderRetrainedAsync();
        Assert.Equal("Откройте панель калибровки.", Current(answer.Id, "ru")!.Answer);
        Assert.Equal(ConsoleHost.TelegramCommunity, Current(answer.Id, "ru")!.Community);
        var russianUser = 700_000 + Random.Shared.Next(100_000);
        Assert.Contains("Откройте панель калибровки.", await host.TelegramReplyAsync(russianUser, title, languageCode: "ru"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_AfterConfirmation_RemovesIt_AndTheBotNoLongerServesIt()
    {
        var answer = await SeedAsync(ConsoleHost.TelegramCommunity, "defrost");
        await using var context = await host.SignedInAsync();
        var page = await AnswersPageAsync(context);
        var card = page.Locator("#answer-" + answer.Id);

        // The delete button is behind a confirmation step.
        await Assertions.Expect(card.Locator("button.danger")).ToBeHiddenAsync();
        await card.Locator("details.delete summary").ClickAsync();
        await card.Locator("button.danger").ClickAsync();

        await Assertions.Expect(page.Locator($"#answer-{answer.Id}")).ToContainTextAsync("Deleted");
        Assert.Null(Current(answer.Id));
        await ReaderRetrainedAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#answer-" + answer.Id)).ToHaveCountAsync(0);
        Assert.DoesNotContain(answer.Text, await host.TelegramReplyAsync(ConsoleHost.TelegramUser, answer.Example), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCommunitysAnswers_NeverAppear_NorCanBeChanged()
    {
        var alpha = await SeedAsync(ConsoleHost.TelegramCommunity, "polish");
        var beta = await SeedAsync(ConsoleHost.DiscordCommunity, "varnish");
        await using var alphaContext = await host.SignedInAsync();
        var alphaPage = await AnswersPageAsync(alphaContext);
        await using var betaContext = await host.SignedInAsync(await host.DiscordReplyAsync("console"));
        var betaPage = await AnswersPageAsync(betaContext);

        await Assertions.Expect(alphaPage.Locator("#answer-" + alpha.Id)).ToBeVisibleAsync();
        Assert.DoesNotContain(beta.Title, await alphaPage.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(betaPage.Locator("#answer-" + beta.Id)).ToBeVisibleAsync();
        Assert.DoesNotContain(alpha.Title, await betaPage.ContentAsync(), StringComparison.Ordinal);

        // A forged post for beta's answer from alpha's session: refused as unknown, nothing written.
        var status = await alphaPage.EvaluateAsync<int>($$"""
            fetch('/console/answers/{{beta.Id}}/edit', { method: 'POST',
              headers: { 'X-CSRF-Token': document.getElementById('console-csrf').value, 'Content-Type': 'application/x-www-form-urlencoded' },
              body: 'language=en&title=Hijacked&text=Hijacked' }).then(r => r.status)
            """);
        Assert.Equal(404, status);
        Assert.Equal(beta.Text, Current(beta.Id)!.Answer);
    }

    [Fact]
    public async Task AtPhoneWidth_ThePageDoesNotOverflowSideways()
    {
        var answer = await SeedAsync(ConsoleHost.TelegramCommunity, "stretch");
        await host.Services.GetRequiredService<ISavedAnswers>().ChangeAsync("en", answer.Id,
            a => a! with { Answer = "A text with a long unbroken word: " + new string('w', 300) }, Ct);
        await using var context = await host.SignedInAsync();
        var page = await AnswersPageAsync(context);

        Assert.True(await page.EvaluateAsync<bool>("document.body.scrollWidth <= window.innerWidth"), "the body is wider than 375 px");
    }
}
