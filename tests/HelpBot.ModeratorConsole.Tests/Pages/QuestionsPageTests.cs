using System.Text.Json;
using System.Text.RegularExpressions;
using HelpBot.Engine.Dialog;
using HelpBot.ModeratorConsole.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpBot.ModeratorConsole.Tests.Pages;

/// <summary>Answering open questions in a browser: the answer reaches the asker in Telegram or Discord, as /answer sends it.</summary>
[Collection(SharedConsoleHost.Name)]
public sealed partial class QuestionsPageTests(ConsoleHost host)
{
    private static ILocator Card(IPage page, string id) => page.Locator("#question-" + id);

    private async Task<string> TelegramQuestionAsync(string text) =>
        QuestionId().Match(await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "/ask " + text)).Value;

    private static async Task AnswerAsync(IPage page, string id, string answer, string button = "Send")
    {
        await Card(page, id).Locator("textarea").FillAsync(answer);
        await Card(page, id).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = button, Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task AnswerTypedInTheConsole_ReachesTheTelegramUser()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var id = await TelegramQuestionAsync("Can I keep my coupons? " + marker);
        Assert.NotEmpty(id);
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        await page.GotoAsync("/console/questions");
        await Assertions.Expect(Card(page, id)).ToContainTextAsync(marker);
        await Assertions.Expect(Card(page, id).Locator("details.recent")).ToBeAttachedAsync();

        var before = host.Telegram.Messages(ConsoleHost.TelegramUser).Count;
        await AnswerAsync(page, id, "Coupons go with the account " + marker);

        await Assertions.Expect(Card(page, id)).ToContainTextAsync("Sent to the user");
        var sent = await host.Telegram.WaitForMessageAsync(ConsoleHost.TelegramUser, count: before + 1, timeout: TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("Coupons go with the account " + marker, host.Telegram.Message(ConsoleHost.TelegramUser, sent.MessageId!.Value)!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerTypedInTheConsole_ReachesTheDiscordUser()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var id = QuestionId().Match(await host.DiscordReplyAsync("ask", ConsoleHost.DiscordUser, ("question", "Will my disputes close? " + marker))).Value;
        await using var context = await host.SignedInAsync(await host.DiscordReplyAsync("console"));
        var page = context.Pages[0];
        await page.GotoAsync("/console/questions");

        await AnswerAsync(page, id, "Wait for the dispute to end first " + marker);

        await Assertions.Expect(Card(page, id)).ToContainTextAsync("Sent to the user");
        var messages = await host.Discord.WaitForAsync(r => r.Method == "POST" && r.Path.StartsWith("/channels/", StringComparison.Ordinal) && r.Body.Contains(marker, StringComparison.Ordinal), timeoutMs: 15_000);
        var content = JsonDocument.Parse(Assert.Single(messages).Body).RootElement.GetProperty("content").GetString();
        Assert.Contains("Wait for the dispute to end first " + marker, content, StringComparison.Ordinal);
        Assert.Contains(host.Discord.Requests, r => r.Method == "POST" && r.Path == "/users/@me/channels" && r.Body.Contains(ConsoleHost.DiscordUser, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAndSave_APhrasingLaterGetsTheSavedAnswer()
    {
        var id = await TelegramQuestionAsync("How do I export my order history to a spreadsheet before deleting?");
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        await page.GotoAsync("/console/questions");
        await Card(page, id).Locator("input[name='title']").FillAsync("Export order history");

        await AnswerAsync(page, id, "Open Orders, then Export: the file keeps every order.", "Send and save as the bot's answer");

        await Assertions.Expect(Card(page, id)).ToContainTextAsync("Saved as the bot's answer");
        // The reader retrains with the saved answer in the background.
        var deadline = DateTime.UtcNow + DeskPages.ReaderTime;
        string reply;
        do
            reply = await host.TelegramReplyAsync(ConsoleHost.TelegramUser, "how can I export my order history into a spreadsheet before I delete", timeout: DeskPages.ReaderTime);
        while (!reply.Contains("the file keeps every order", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());
        Assert.Contains("the file keeps every order", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyTooLongAndAlreadyAnswered_ShownInPlace()
    {
        var id = await TelegramQuestionAsync("Is my wallet balance lost? " + Guid.NewGuid().ToString("N")[..8]);
        await using var context = await host.SignedInAsync();
        var page = context.Pages[0];
        await page.GotoAsync("/console/questions");
        var limit = host.Services.GetRequiredService<DialogOptions>().MaxTextLength;

        await AnswerAsync(page, id, "   ");
        await Assertions.Expect(page.Locator("#answer-outcome-" + id)).ToContainTextAsync("empty");
        await AnswerAsync(page, id, new string('x', limit + 1));
        await Assertions.Expect(page.Locator("#answer-outcome-" + id)).ToContainTextAsync($"at most {limit} characters");

        // Another moderator answers from the chat meanwhile.
        await host.TelegramReplyAsync(ConsoleHost.TelegramModerator, $"/answer {id} It is refunded first.");
        await AnswerAsync(page, id, "A late answer");
        await Assertions.Expect(Card(page, id)).ToContainTextAsync("Someone else answered first: telegram:");
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        return true;
    }

    [GeneratedRegex("Q[A-Z2-9]{5}")]
    private static partial Regex QuestionId();
}
