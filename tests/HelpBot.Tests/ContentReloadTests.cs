using HelpBot.Content;
using HelpBot.Engine.Content;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpBot.Tests;

public sealed class ContentReloadTests : IDisposable
{
    private readonly ContentCopy _content = new();

    public void Dispose() => _content.Dispose();

    private string BotFile => _content.PathOf("en/bot.yaml");

    private ReloadingContentProvider CreateProvider() =>
        new(Options.Create(new ContentOptions { Path = _content.Root }), NullLogger<ReloadingContentProvider>.Instance);

    [Fact]
    public async Task FileEdit_IsPickedUpWithoutRestart()
    {
        using var provider = CreateProvider();
        var changed = new TaskCompletionSource<ContentCatalog>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Changed += c => changed.TrySetResult(c);

        _content.Edit("en/bot.yaml", "Hello!", "Hi there!");

        var catalog = await changed.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.StartsWith("Hi there!", catalog.Languages["en"].Texts[TextKey.Greeting], StringComparison.Ordinal);
        Assert.Same(catalog, provider.Current);
    }

    [Fact]
    public async Task InvalidEdit_KeepsTheLastGoodContentAndSaysWhy()
    {
        using var provider = CreateProvider();
        var before = provider.Current;
        await File.WriteAllTextAsync(BotFile, "greeting: [", TestContext.Current.CancellationToken);

        var errors = provider.Reload();

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.File == BotFile && e.Line >= 1);
        Assert.Same(before, provider.Current);
    }
}
