using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Tests.Dialog;

/// <summary>Commands with named arguments and the forms of channels without free text (Discord's modals).</summary>
public sealed class TextFormsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Turn User(string locale = "en") => new() { Channel = "test", UserId = "u1", ChatId = "u1", Locale = locale };

    private static Turn Command(string name, params (string Name, string Value)[] arguments) =>
        User() with { Command = name, Arguments = arguments.ToDictionary(a => a.Name, a => a.Value) };

    public static TheoryData<Turn, string?> Forms() => new()
    {
        { Command("ask"), "ask" },
        { Command("ask", ("question", "   ")), "ask" },
        { Command("ask", ("question", "Can I keep coupons?")), null },
        { Command("answer", ("question", "q7k2mx")) with { IsModerator = true }, "answer:Q7K2MX" },
        { Command("answer", ("question", "q7k2mx")), null },
        { Command("answer", ("question", "Q7K2MX"), ("text", "Yes")) with { IsModerator = true }, null },
        { Command("answer", ("question", "bad id!")) with { IsModerator = true }, null },
        { Command("steps"), null },
        { User() with { Action = "ask" }, "ask" },
        { User() with { Action = "comment" }, "comment" },
        { User() with { Action = "answer:Q7K2MX", IsModerator = true }, "answer:Q7K2MX" },
        { User() with { Action = "answer:Q7K2MX" }, null },
        { User() with { Action = "draftedit", IsModerator = true }, "draftedit" },
        { User() with { Action = "draftedit" }, null },
        { User() with { Action = "draft:Q7K2MX:title", IsModerator = true }, null },
        { User() with { Action = "menu" }, null },
        { User() with { Text = "/ask" }, null },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void FormFor_CommandsAndButtonsThatTakeAText(Turn turn, string? form) =>
        Assert.Equal(form, new EngineHarness().Engine.FormFor(turn));

    [Theory]
    [InlineData("ask", true)]
    [InlineData("comment", true)]
    [InlineData("answer:Q7K2MX", true)]
    [InlineData("draftedit", true)]
    [InlineData("answer", false)]
    [InlineData("menu", false)]
    [InlineData("", false)]
    public void IsForm_TheEnginesFormsOnly(string id, bool known) =>
        Assert.Equal(known, new EngineHarness().Engine.IsForm(id));

    [Fact]
    public async Task DescribeAsync_FollowsTheUsersLanguageChoiceOverTheirLocale()
    {
        var harness = new EngineHarness();
        await harness.Say("/language en", locale: "ru");

        var form = await harness.Engine.DescribeAsync(User("ru") with { UserId = "u1" }, "ask", Ct);

        Assert.Equal("ask", form!.Id);
        Assert.Equal("Ask a question", form.Title);
        Assert.Null(await harness.Engine.DescribeAsync(User(), "nonsense", Ct));
    }

    [Fact]
    public async Task Command_WithNamedArguments_IsHandledAsTheTypedLine()
    {
        var harness = new EngineHarness();

        var reply = await harness.Engine.HandleAsync(Command("language", ("language", " en "), ("unknown", "x")), Ct);

        Assert.Contains("Language switched to English", EngineHarness.TextOf(reply), StringComparison.Ordinal);
        Assert.Equal("en", (await harness.Store.FindUserAsync("test:u1", Ct))!.Language);
    }

    [Fact]
    public async Task FormText_AskForm_SavesTheQuestion_AndAnEmptyOneGetsTheEmptyMessageHint()
    {
        var harness = new EngineHarness();

        var saved = await harness.Engine.HandleAsync(User() with { Form = "ask", Text = "  Can I keep my coupons?  " }, Ct);
        var empty = await harness.Engine.HandleAsync(User() with { Form = "ask", Text = "   " }, Ct);

        Assert.Contains("has been passed to the moderators", EngineHarness.TextOf(saved), StringComparison.Ordinal);
        Assert.Contains("The message is empty", EngineHarness.TextOf(empty), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedbackNo_OffersTheCommentForm()
    {
        var harness = new EngineHarness();

        var reply = await harness.Press("fb:aliexpress:no", locale: "en");

        Assert.Equal(new FormOffer("comment", "✎ Write a comment"), reply.OffersForm);
        Assert.Equal(Awaiting.FeedbackComment, (await harness.Store.FindUserAsync("test:u1", Ct))!.Awaiting);
    }
}
