using HelpBot.Channels.Discord.Rendering;
using HelpBot.Engine.Dialog;

namespace HelpBot.Channels.Discord.Tests.Rendering;

public sealed class ReplyRendererTests
{
    [Fact]
    public void Render_LongMessage_SplitsUnder2000WithButtonsOnTheLastPiece()
    {
        var paragraphs = Enumerable.Range(1, 30).Select(i => $"**Paragraph {i}** " + new string('a', 150)).ToArray();
        var reply = new Reply(new OutgoingMessage(string.Join("\n\n", paragraphs), [[new Button("Menu", "menu")]]));

        var messages = ReplyRenderer.Render(reply);

        Assert.True(messages.Count >= 3);
        Assert.All(messages, m => Assert.InRange(m.Content!.Length, 1, ReplyRenderer.MaxContentLength));
        Assert.All(messages.Take(messages.Count - 1), m => Assert.Empty(m.Components!));
        Assert.Single(messages[^1].Components!);
        var joined = string.Join("\n\n", messages.Select(m => m.Content));
        Assert.Equal(string.Join("\n\n", paragraphs), joined);
    }

    [Fact]
    public void Render_OneHugeLine_IsCutWithoutLosingCharacters()
    {
        var text = string.Concat(Enumerable.Repeat("x🙂", 3000));

        var messages = ReplyRenderer.Render(new Reply(new OutgoingMessage(text)));

        Assert.All(messages, m => Assert.InRange(m.Content!.Length, 1, ReplyRenderer.MaxContentLength));
        Assert.Equal(text, string.Concat(messages.Select(m => m.Content)));
    }

    [Fact]
    public void Render_SeveralEngineMessages_AreSeveralDiscordMessages()
    {
        var reply = new Reply([new OutgoingMessage("one"), new OutgoingMessage("two", [[new Button("Yes", "fb:aliexpress:yes")]])]);

        var messages = ReplyRenderer.Render(reply);

        Assert.Equal(["one", "two"], messages.Select(m => m.Content));
    }

    [Fact]
    public void ActionRows_WideRowsAndRepeatedIds_WrapAndDropWhatDiscordRefuses()
    {
        var wide = Enumerable.Range(1, 7).Select(i => new Button("B" + i, "id" + i)).ToArray();
        IReadOnlyList<IReadOnlyList<Button>> buttons =
        [
            wide,
            [new Button("Again", "id1"), new Button(new string('L', 120), "long-label")],
            [new Button("Too long id", new string('x', 101))],
            [new Button("r4", "r4")], [new Button("r5", "r5")], [new Button("r6", "r6")],
        ];

        var rows = ReplyRenderer.ActionRows(buttons);

        Assert.Equal(ReplyRenderer.MaxRows, rows.Count);
        Assert.Equal(5, rows[0].Components.Count);
        Assert.Equal(2, rows[1].Components.Count);
        var all = rows.SelectMany(r => r.Components).ToList();
        Assert.Equal(all.Count, all.Select(b => b.CustomId).Distinct().Count());
        Assert.DoesNotContain(all, b => b.CustomId.Length > ReplyRenderer.MaxCustomIdLength);
        Assert.Equal(ReplyRenderer.MaxLabelLength, all.Single(b => b.CustomId == "long-label").Label.Length);
    }
}
