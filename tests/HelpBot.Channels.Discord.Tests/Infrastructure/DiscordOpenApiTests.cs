using System.Text.Json;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>The spec checker itself: it must reject what Discord would, or the other tests prove nothing.</summary>
public sealed class DiscordOpenApiTests
{
    [Theory]
    [InlineData("""{"type":4,"data":{"content":"hi","flags":64,"allowed_mentions":{"parse":[]}}}""")]
    [InlineData("""{"type":7,"data":{"content":"hi","components":[{"type":1,"components":[{"type":2,"style":2,"label":"Next","custom_id":"step:aliexpress:2"}]}]}}""")]
    [InlineData("""{"type":9,"data":{"custom_id":"ask","title":"Ask","components":[{"type":18,"label":"Q","component":{"type":4,"custom_id":"text","style":2}}]}}""")]
    public void Validate_GoodCallback_HasNoErrors(string json) =>
        Assert.Empty(DiscordOpenApi.Validate("POST", "/interactions/1/token/callback", Parse(json)));

    [Theory]
    [InlineData("""{"type":"4"}""")]
    [InlineData("""{"type":4,"data":{"content":"hi","components":[{"type":1,"components":[{"type":2,"style":2,"label":"L","custom_id":""}]}]}}""")]
    [InlineData("""{"type":4,"data":{"components":[{"type":1,"components":[{"type":2,"style":2,"label":"A","custom_id":"a"},{"type":2,"style":2,"label":"B","custom_id":"a"}]}]}}""")]
    [InlineData("""{"type":4,"data":{"content":"hi","flags":4160}}""")]
    [InlineData("""{"type":9,"data":{"custom_id":"ask","title":"a title that is far too long for a discord modal title","components":[{"type":18,"label":"Q","component":{"type":4,"custom_id":"text","style":2}}]}}""")]
    [InlineData("""{"type":4,"data":{"components":[{"type":1,"components":[]}]}}""")]
    public void Validate_BadCallback_ReportsErrors(string json) =>
        Assert.NotEmpty(DiscordOpenApi.Validate("POST", "/interactions/1/token/callback", Parse(json)));

    [Fact]
    public void Validate_ContentOver2000_ReportsErrors() =>
        Assert.NotEmpty(DiscordOpenApi.Validate("POST", "/interactions/1/token/callback", Parse("""{"type":4,"data":{"content":"X"}}""".Replace("X", new string('x', 2001), StringComparison.Ordinal))));

    [Fact]
    public void Validate_SixActionRows_ReportsErrors()
    {
        var row = """{"type":1,"components":[{"type":2,"style":2,"label":"L","custom_id":"ID"}]}""";
        var rows = string.Join(",", Enumerable.Range(0, 6).Select(i => row.Replace("ID", "id" + i, StringComparison.Ordinal)));

        Assert.Contains("more than 5 action rows", DiscordOpenApi.Validate("POST", "/webhooks/1/token", Parse("""{"content":"x","components":[ROWS]}""".Replace("ROWS", rows, StringComparison.Ordinal))));
    }

    [Fact]
    public void Validate_UnknownLocaleKey_ReportsErrors() =>
        Assert.NotEmpty(DiscordOpenApi.Validate("PUT", "/applications/1/commands",
            Parse("""[{"name":"steps","description":"Steps","name_localizations":{"ru-RU":"шаги"}}]""")));

    [Fact]
    public void Validate_UnknownPath_ReportsErrors() =>
        Assert.NotEmpty(DiscordOpenApi.Validate("POST", "/nowhere/1", Parse("{}")));

    [Fact]
    public void Validate_EditOriginal_MatchesTheLiteralTemplate() =>
        Assert.Empty(DiscordOpenApi.Validate("PATCH", "/webhooks/1/token/messages/@original", Parse("""{"content":"x","components":[]}""")));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
