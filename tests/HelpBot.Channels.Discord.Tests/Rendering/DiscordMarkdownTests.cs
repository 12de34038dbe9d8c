using HelpBot.Channels.Discord.Rendering;

namespace HelpBot.Channels.Discord.Tests.Rendering;

public sealed class DiscordMarkdownTests
{
    [Theory]
    [InlineData("**Step 1** · step 1/9", "**Step 1** · step 1/9")]
    [InlineData("Copy: `Deactivate my account`", "Copy: `Deactivate my account`")]
    [InlineData("a_b *c* ~~d~~ ||e|| <@1> [x](y)", "a\\_b \\*c\\* \\~\\~d\\~\\~ \\|\\|e\\|\\| \\<@1\\> \\[x\\](y)")]
    [InlineData("# not a header\n- not a list\n> not a quote", "\\# not a header\n\\- not a list\n\\> not a quote")]
    [InlineData("mid-line # and - stay", "mid-line # and - stay")]
    [InlineData("escaped \\*star\\* from the engine", "escaped \\*star\\* from the engine")]
    public void Render_EngineMarkup_BecomesDiscordMarkdown(string markup, string expected) =>
        Assert.Equal(expected, DiscordMarkdown.Render(markup));

    [Fact]
    public void Render_CodeWithABacktick_UsesTheDoubleBacktickForm() =>
        Assert.Equal("`` a`b ``", DiscordMarkdown.Render("`a\\`b`"));
}
